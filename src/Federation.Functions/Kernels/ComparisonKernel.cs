using System.Numerics;
using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Kernels;

/// <summary>
/// Vectorized comparisons of two operands of the same type. Each (type, operator) pair compiles to its own loop
/// through generic struct operators, so the per-row work is one inlined compare and a bit write.
/// </summary>
public static class ComparisonKernel
{
    private interface IOp
    {
        static abstract bool Test(int comparison);
    }

    private struct EqOp : IOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Test(int c) => c == 0;
    }

    private struct NeOp : IOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Test(int c) => c != 0;
    }

    private struct LtOp : IOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Test(int c) => c < 0;
    }

    private struct LeOp : IOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Test(int c) => c <= 0;
    }

    private struct GtOp : IOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Test(int c) => c > 0;
    }

    private struct GeOp : IOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Test(int c) => c >= 0;
    }

    public static ColumnarValue Compare(ComparisonOp op, ColumnarValue left, ColumnarValue right, SqlType type, int rowCount)
    {
        if (left.IsScalar && right.IsScalar)
        {
            return ColumnarValue.FromScalar(CompareScalars(op, left.Scalar!, right.Scalar!));
        }

        var distinctForm = op is ComparisonOp.IsDistinctFrom or ComparisonOp.IsNotDistinctFrom;
        if (!distinctForm && ((left.IsScalar && left.Scalar!.IsNull) || (right.IsScalar && right.Scalar!.IsNull)))
        {
            return ColumnarValue.FromScalar(ScalarValue.NullOf(SqlType.Boolean));
        }

        // Put the array on the left; a scalar left operand flips the operator.
        if (left.IsScalar)
        {
            (left, right) = (right, left);
            op = Flip(op);
        }

        var leftArray = left.Array!;
        var values = Bitmap.AllClear(rowCount);
        var baseOp = distinctForm ? ComparisonOp.Equal : op;
        if (right.IsScalar)
        {
            if (!right.Scalar!.IsNull)
            {
                CompareScalarDispatch(baseOp, leftArray, right.Scalar, type, values);
            }
        }
        else
        {
            CompareArraysDispatch(baseOp, leftArray, right.Array!, type, values);
        }

        var leftValidity = Validity.Bits(leftArray);
        if (!distinctForm)
        {
            var rightValidity = right.IsScalar ? default : Validity.Bits(right.Array!);
            return ColumnarValue.FromArray(ArrayFactory.Boolean(values, rowCount, Validity.Combine(leftValidity, rightValidity, rowCount)));
        }

        // Null-safe forms: both null → equal; one null → distinct.
        ReadOnlySpan<byte> rv = right.IsScalar ? (right.Scalar!.IsNull ? Bitmap.AllClear(rowCount) : default) : Validity.Bits(right.Array!);
        for (var i = 0; i < rowCount; i++)
        {
            var lValid = leftValidity.IsEmpty || Bitmap.Get(leftValidity, i);
            var rValid = rv.IsEmpty || Bitmap.Get(rv, i);
            var equal = lValid && rValid ? Bitmap.Get(values, i) : lValid == rValid;
            Bitmap.SetTo(values, i, op == ComparisonOp.IsNotDistinctFrom ? equal : !equal);
        }

        return ColumnarValue.FromArray(ArrayFactory.Boolean(values, rowCount, null));
    }

    public static ComparisonOp Flip(ComparisonOp op) => op switch
    {
        ComparisonOp.Less => ComparisonOp.Greater,
        ComparisonOp.LessOrEqual => ComparisonOp.GreaterOrEqual,
        ComparisonOp.Greater => ComparisonOp.Less,
        ComparisonOp.GreaterOrEqual => ComparisonOp.LessOrEqual,
        _ => op,
    };

    private static ScalarValue CompareScalars(ComparisonOp op, ScalarValue a, ScalarValue b)
    {
        if (op is ComparisonOp.IsDistinctFrom or ComparisonOp.IsNotDistinctFrom)
        {
            bool equal = a.IsNull || b.IsNull ? a.IsNull && b.IsNull : ScalarCompare(a, b) == 0;
            return ScalarValue.Boolean(op == ComparisonOp.IsNotDistinctFrom ? equal : !equal);
        }

        if (a.IsNull || b.IsNull)
        {
            return ScalarValue.NullOf(SqlType.Boolean);
        }

        var c = ScalarCompare(a, b);
        return ScalarValue.Boolean(op switch
        {
            ComparisonOp.Equal => c == 0,
            ComparisonOp.NotEqual => c != 0,
            ComparisonOp.Less => c < 0,
            ComparisonOp.LessOrEqual => c <= 0,
            ComparisonOp.Greater => c > 0,
            _ => c >= 0,
        });
    }

    /// <summary>Compares scalars with the same rules as the array kernels (floats: NaN is equal to NaN and above every number).</summary>
    public static int ScalarCompare(ScalarValue a, ScalarValue b) => (a.Value, b.Value) switch
    {
        (double x, double y) => FloatOrder.Compare(x, y),
        (float x, float y) => FloatOrder.Compare(x, y),
        (string x, string y) => Utf8Order.Compare(x, y),
        _ => a.CompareTo(b) ?? throw FederationException.Internal($"cannot compare {a.Type} with {b.Type}"),
    };

    private static void CompareArraysDispatch(ComparisonOp op, IArrowArray left, IArrowArray right, SqlType type, byte[] output)
    {
        switch (op)
        {
            case ComparisonOp.Equal: CompareArraysTyped<EqOp>(left, right, type, output); break;
            case ComparisonOp.NotEqual: CompareArraysTyped<NeOp>(left, right, type, output); break;
            case ComparisonOp.Less: CompareArraysTyped<LtOp>(left, right, type, output); break;
            case ComparisonOp.LessOrEqual: CompareArraysTyped<LeOp>(left, right, type, output); break;
            case ComparisonOp.Greater: CompareArraysTyped<GtOp>(left, right, type, output); break;
            default: CompareArraysTyped<GeOp>(left, right, type, output); break;
        }
    }

    private static void CompareScalarDispatch(ComparisonOp op, IArrowArray left, ScalarValue right, SqlType type, byte[] output)
    {
        switch (op)
        {
            case ComparisonOp.Equal: CompareScalarTyped<EqOp>(left, right, type, output); break;
            case ComparisonOp.NotEqual: CompareScalarTyped<NeOp>(left, right, type, output); break;
            case ComparisonOp.Less: CompareScalarTyped<LtOp>(left, right, type, output); break;
            case ComparisonOp.LessOrEqual: CompareScalarTyped<LeOp>(left, right, type, output); break;
            case ComparisonOp.Greater: CompareScalarTyped<GtOp>(left, right, type, output); break;
            default: CompareScalarTyped<GeOp>(left, right, type, output); break;
        }
    }

    private static void CompareArraysTyped<TOp>(IArrowArray left, IArrowArray right, SqlType type, byte[] output)
        where TOp : struct, IOp
    {
        switch (type.Kind)
        {
            case TypeKind.Int16: Ordered<short, TOp>(ArrayFactory.FixedValues<short>(left), ArrayFactory.FixedValues<short>(right), output); break;
            case TypeKind.Int32 or TypeKind.Date: Ordered<int, TOp>(ArrayFactory.FixedValues<int>(left), ArrayFactory.FixedValues<int>(right), output); break;
            case TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz: Ordered<long, TOp>(ArrayFactory.FixedValues<long>(left), ArrayFactory.FixedValues<long>(right), output); break;
            case TypeKind.Decimal: Ordered<Int128, TOp>(ArrayFactory.DecimalValues(left), ArrayFactory.DecimalValues(right), output); break;
            case TypeKind.Float32: Floats<TOp>(ArrayFactory.FixedValues<float>(left), ArrayFactory.FixedValues<float>(right), output); break;
            case TypeKind.Float64: Doubles<TOp>(ArrayFactory.FixedValues<double>(left), ArrayFactory.FixedValues<double>(right), output); break;
            case TypeKind.Boolean: Booleans<TOp>((BooleanArray)left, (BooleanArray)right, output); break;
            case TypeKind.String or TypeKind.Binary: Variable<TOp>((BinaryArray)left, (BinaryArray)right, output); break;
            case TypeKind.Interval: Intervals<TOp>(left, right, output); break;
            default: throw FederationException.Internal($"cannot compare {type}");
        }
    }

    private static void CompareScalarTyped<TOp>(IArrowArray left, ScalarValue right, SqlType type, byte[] output)
        where TOp : struct, IOp
    {
        switch (type.Kind)
        {
            case TypeKind.Int16: OrderedScalar<short, TOp>(ArrayFactory.FixedValues<short>(left), (short)right.Value!, output); break;
            case TypeKind.Int32 or TypeKind.Date: OrderedScalar<int, TOp>(ArrayFactory.FixedValues<int>(left), (int)right.Value!, output); break;
            case TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz: OrderedScalar<long, TOp>(ArrayFactory.FixedValues<long>(left), (long)right.Value!, output); break;
            case TypeKind.Decimal: OrderedScalar<Int128, TOp>(ArrayFactory.DecimalValues(left), (Int128)right.Value!, output); break;
            case TypeKind.Float32: FloatsScalar<TOp>(ArrayFactory.FixedValues<float>(left), (float)right.Value!, output); break;
            case TypeKind.Float64: DoublesScalar<TOp>(ArrayFactory.FixedValues<double>(left), (double)right.Value!, output); break;
            case TypeKind.String: VariableScalar<TOp>((BinaryArray)left, System.Text.Encoding.UTF8.GetBytes((string)right.Value!), output); break;
            case TypeKind.Binary: VariableScalar<TOp>((BinaryArray)left, (byte[])right.Value!, output); break;
            default:
                // Booleans and intervals are rare in comparisons with constants: expand the scalar.
                CompareArraysTyped<TOp>(left, ArrayFactory.FromScalar(right, left.Length), type, output);
                break;
        }
    }

    private static void Ordered<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, byte[] output)
        where T : IComparisonOperators<T, T, bool>
        where TOp : struct, IOp
    {
        var n = a.Length;
        b = b[..n];
        var fullBytes = n >> 3;
        for (var byteIndex = 0; byteIndex < fullBytes; byteIndex++)
        {
            var baseIndex = byteIndex << 3;
            var bits = 0;
            for (var j = 0; j < 8; j++)
            {
                var x = a[baseIndex + j];
                var y = b[baseIndex + j];
                var c = x < y ? -1 : x > y ? 1 : 0;
                bits |= TOp.Test(c) ? 1 << j : 0;
            }

            output[byteIndex] = (byte)bits;
        }

        for (var i = fullBytes << 3; i < n; i++)
        {
            var c = a[i] < b[i] ? -1 : a[i] > b[i] ? 1 : 0;
            if (TOp.Test(c))
            {
                Bitmap.Set(output, i);
            }
        }
    }

    private static void OrderedScalar<T, TOp>(ReadOnlySpan<T> a, T y, byte[] output)
        where T : IComparisonOperators<T, T, bool>
        where TOp : struct, IOp
    {
        var n = a.Length;
        var fullBytes = n >> 3;
        for (var byteIndex = 0; byteIndex < fullBytes; byteIndex++)
        {
            var baseIndex = byteIndex << 3;
            var bits = 0;
            for (var j = 0; j < 8; j++)
            {
                var x = a[baseIndex + j];
                var c = x < y ? -1 : x > y ? 1 : 0;
                bits |= TOp.Test(c) ? 1 << j : 0;
            }

            output[byteIndex] = (byte)bits;
        }

        for (var i = fullBytes << 3; i < n; i++)
        {
            var x = a[i];
            var c = x < y ? -1 : x > y ? 1 : 0;
            if (TOp.Test(c))
            {
                Bitmap.Set(output, i);
            }
        }
    }

    private static void Doubles<TOp>(ReadOnlySpan<double> a, ReadOnlySpan<double> b, byte[] output)
        where TOp : struct, IOp
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (TOp.Test(FloatOrder.Compare(a[i], b[i])))
            {
                Bitmap.Set(output, i);
            }
        }
    }

    private static void DoublesScalar<TOp>(ReadOnlySpan<double> a, double y, byte[] output)
        where TOp : struct, IOp
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (TOp.Test(FloatOrder.Compare(a[i], y)))
            {
                Bitmap.Set(output, i);
            }
        }
    }

    private static void Floats<TOp>(ReadOnlySpan<float> a, ReadOnlySpan<float> b, byte[] output)
        where TOp : struct, IOp
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (TOp.Test(FloatOrder.Compare(a[i], b[i])))
            {
                Bitmap.Set(output, i);
            }
        }
    }

    private static void FloatsScalar<TOp>(ReadOnlySpan<float> a, float y, byte[] output)
        where TOp : struct, IOp
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (TOp.Test(FloatOrder.Compare(a[i], y)))
            {
                Bitmap.Set(output, i);
            }
        }
    }

    private static void Booleans<TOp>(BooleanArray a, BooleanArray b, byte[] output)
        where TOp : struct, IOp
    {
        var av = a.ValueBuffer.Span;
        var bv = b.ValueBuffer.Span;
        for (var i = 0; i < a.Length; i++)
        {
            var x = Bitmap.Get(av, a.Offset + i) ? 1 : 0;
            var y = Bitmap.Get(bv, b.Offset + i) ? 1 : 0;
            if (TOp.Test(x - y))
            {
                Bitmap.Set(output, i);
            }
        }
    }

    private static void Intervals<TOp>(IArrowArray a, IArrowArray b, byte[] output)
        where TOp : struct, IOp
    {
        var av = ArrayFactory.IntervalValues(a);
        var bv = ArrayFactory.IntervalValues(b);
        for (var i = 0; i < av.Length; i++)
        {
            if (TOp.Test(IntervalCodec.FromArrow(av[i]).CompareTo(IntervalCodec.FromArrow(bv[i]))))
            {
                Bitmap.Set(output, i);
            }
        }
    }

    private static void Variable<TOp>(BinaryArray a, BinaryArray b, byte[] output)
        where TOp : struct, IOp
    {
        var aOffsets = a.ValueOffsets;
        var bOffsets = b.ValueOffsets;
        var aData = a.ValueBuffer.Span;
        var bData = b.ValueBuffer.Span;
        for (var i = 0; i < a.Length; i++)
        {
            var x = aData[aOffsets[i]..aOffsets[i + 1]];
            var y = bData[bOffsets[i]..bOffsets[i + 1]];
            if (TOp.Test(x.SequenceCompareTo(y)))
            {
                Bitmap.Set(output, i);
            }
        }
    }

    private static void VariableScalar<TOp>(BinaryArray a, byte[] y, byte[] output)
        where TOp : struct, IOp
    {
        var offsets = a.ValueOffsets;
        var data = a.ValueBuffer.Span;
        var needle = y.AsSpan();
        if (typeof(TOp) == typeof(EqOp) || typeof(TOp) == typeof(NeOp))
        {
            // Equality first compares lengths, which rejects most rows without touching the bytes.
            var wantEqual = typeof(TOp) == typeof(EqOp);
            for (var i = 0; i < a.Length; i++)
            {
                var start = offsets[i];
                var length = offsets[i + 1] - start;
                var equal = length == needle.Length && data.Slice(start, length).SequenceEqual(needle);
                if (equal == wantEqual)
                {
                    Bitmap.Set(output, i);
                }
            }

            return;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (TOp.Test(data[offsets[i]..offsets[i + 1]].SequenceCompareTo(needle)))
            {
                Bitmap.Set(output, i);
            }
        }
    }
}
