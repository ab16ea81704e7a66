using Apache.Arrow;
using Apache.Arrow.Scalars;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar;

/// <summary>
/// Row-wise choice among arguments of one type, the core of COALESCE, NVL2, NULLIF, DECODE, GREATEST and LEAST.
/// Everything runs column at a time (one tight loop per argument), typed by the argument's physical layout
/// (dispatched once per batch), with strings copied once into the result.
/// </summary>
internal static class RowSelection
{
    /// <summary>
    /// Builds the result whose row i is row i of <c>sources[choice[i]]</c> (NULL when the choice is -1 or the chosen
    /// value is NULL).
    /// </summary>
    public static IArrowArray Gather(SqlType type, ReadOnlySpan<ColumnarValue> sources, ReadOnlySpan<int> choice, int rows) =>
        type.Kind switch
        {
            TypeKind.Boolean => GatherBoolean(sources, choice, rows),
            TypeKind.Int16 => GatherFixed<short>(type, sources, choice, rows),
            TypeKind.Int32 or TypeKind.Date => GatherFixed<int>(type, sources, choice, rows),
            TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz => GatherFixed<long>(type, sources, choice, rows),
            TypeKind.Float32 => GatherFixed<float>(type, sources, choice, rows),
            TypeKind.Float64 => GatherFixed<double>(type, sources, choice, rows),
            TypeKind.Decimal => GatherFixed<Int128>(type, sources, choice, rows),
            TypeKind.Interval => GatherFixed<MonthDayNanosecondInterval>(type, sources, choice, rows),
            TypeKind.String or TypeKind.Binary => GatherBytes(type, sources, choice, rows),
            TypeKind.Null => new NullArray(rows),
            _ => throw FederationException.Internal($"cannot select rows of {type}"),
        };

    private static IArrowArray GatherFixed<T>(SqlType type, ReadOnlySpan<ColumnarValue> sources, ReadOnlySpan<int> choice, int rows)
        where T : unmanaged
    {
        var buffer = ArrayFactory.AllocateValues<T>(rows);
        var values = ArrayFactory.ValuesOf<T>(buffer);
        values.Clear();
        var validity = Bitmap.AllClear(rows);
        for (var k = 0; k < sources.Length; k++)
        {
            var source = new FixedArg<T>(sources[k]);
            if (source.IsNullScalar)
            {
                continue;
            }

            for (var i = 0; i < rows; i++)
            {
                if (choice[i] == k && source.IsValid(i))
                {
                    values[i] = source[i];
                    Bitmap.Set(validity, i);
                }
            }
        }

        return ArrayFactory.Fixed(type, buffer, rows, AllValid(validity, rows) ? null : validity);
    }

    private static IArrowArray GatherBoolean(ReadOnlySpan<ColumnarValue> sources, ReadOnlySpan<int> choice, int rows)
    {
        var bits = Bitmap.AllClear(rows);
        var validity = Bitmap.AllClear(rows);
        for (var k = 0; k < sources.Length; k++)
        {
            var source = new BoolArg(sources[k]);
            if (source.IsNullScalar)
            {
                continue;
            }

            for (var i = 0; i < rows; i++)
            {
                if (choice[i] == k && source.IsValid(i))
                {
                    Bitmap.Set(validity, i);
                    if (source[i])
                    {
                        Bitmap.Set(bits, i);
                    }
                }
            }
        }

        return ArrayFactory.Boolean(bits, rows, AllValid(validity, rows) ? null : validity);
    }

    private static IArrowArray GatherBytes(SqlType type, ReadOnlySpan<ColumnarValue> sources, ReadOnlySpan<int> choice, int rows)
    {
        var lengths = new int[rows];
        var validity = Bitmap.AllClear(rows);
        for (var k = 0; k < sources.Length; k++)
        {
            var source = new Utf8Arg(sources[k]);
            if (source.IsNullScalar)
            {
                continue;
            }

            for (var i = 0; i < rows; i++)
            {
                if (choice[i] == k && source.IsValid(i))
                {
                    lengths[i] = source[i].Length;
                    Bitmap.Set(validity, i);
                }
            }
        }

        var offsetsBuffer = ArrayFactory.AllocateValues<int>(rows + 1);
        var offsets = ArrayFactory.ValuesOf<int>(offsetsBuffer);
        long total = 0;
        for (var i = 0; i < rows; i++)
        {
            offsets[i] = (int)total;
            total += lengths[i];
            if (total > int.MaxValue)
            {
                ScalarErrors.BatchTooLarge();
            }
        }

        offsets[rows] = (int)total;
        var data = GC.AllocateUninitializedArray<byte>((int)total);
        for (var k = 0; k < sources.Length; k++)
        {
            var source = new Utf8Arg(sources[k]);
            if (source.IsNullScalar)
            {
                continue;
            }

            for (var i = 0; i < rows; i++)
            {
                if (choice[i] == k && lengths[i] > 0)
                {
                    source[i].CopyTo(data.AsSpan(offsets[i]));
                }
            }
        }

        return ArrayFactory.Variable(type, offsetsBuffer, data, rows, AllValid(validity, rows) ? null : validity);
    }

    /// <summary>
    /// GREATEST/LEAST: the argument index holding the largest (smallest) non-NULL value of each row, -1 when all
    /// are NULL. Folds argument by argument, keeping the best value so far in a typed buffer.
    /// </summary>
    public static int[] Extremum(SqlType type, ReadOnlySpan<ColumnarValue> args, int rows, bool greatest) =>
        type.Kind switch
        {
            TypeKind.Boolean => ExtremumBoolean(args, rows, greatest),
            TypeKind.Int16 => ExtremumFixed<short, IntegerOrder<short>>(args, rows, greatest),
            TypeKind.Int32 or TypeKind.Date => ExtremumFixed<int, IntegerOrder<int>>(args, rows, greatest),
            TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz => ExtremumFixed<long, IntegerOrder<long>>(args, rows, greatest),
            TypeKind.Float32 => ExtremumFixed<float, FloatOrder<float>>(args, rows, greatest),
            TypeKind.Float64 => ExtremumFixed<double, FloatOrder<double>>(args, rows, greatest),
            TypeKind.Decimal => ExtremumFixed<Int128, IntegerOrder<Int128>>(args, rows, greatest),
            TypeKind.Interval => ExtremumFixed<MonthDayNanosecondInterval, IntervalOrder>(args, rows, greatest),
            TypeKind.String or TypeKind.Binary => ExtremumBytes(args, rows, greatest),
            _ => throw FederationException.Internal($"cannot compare {type}"),
        };

    private static int[] ExtremumFixed<T, TOrder>(ReadOnlySpan<ColumnarValue> args, int rows, bool greatest)
        where T : unmanaged
        where TOrder : struct, IValueOrder<T>
    {
        var choice = NoChoice(rows);
        var best = new T[rows];
        var sign = greatest ? 1 : -1;
        for (var k = 0; k < args.Length; k++)
        {
            var arg = new FixedArg<T>(args[k]);
            if (arg.IsNullScalar)
            {
                continue;
            }

            for (var i = 0; i < rows; i++)
            {
                if (!arg.IsValid(i))
                {
                    continue;
                }

                var value = arg[i];
                if (choice[i] < 0 || TOrder.Compare(value, best[i]) * sign > 0)
                {
                    best[i] = value;
                    choice[i] = k;
                }
            }
        }

        return choice;
    }

    private static int[] ExtremumBoolean(ReadOnlySpan<ColumnarValue> args, int rows, bool greatest)
    {
        var choice = NoChoice(rows);
        var best = new bool[rows];
        for (var k = 0; k < args.Length; k++)
        {
            var arg = new BoolArg(args[k]);
            if (arg.IsNullScalar)
            {
                continue;
            }

            for (var i = 0; i < rows; i++)
            {
                if (arg.IsValid(i) && (choice[i] < 0 || (greatest ? arg[i] && !best[i] : !arg[i] && best[i])))
                {
                    best[i] = arg[i];
                    choice[i] = k;
                }
            }
        }

        return choice;
    }

    /// <summary>Strings compare by their UTF-8 bytes, which is code-point order (PostgreSQL's C collation).</summary>
    private static int[] ExtremumBytes(ReadOnlySpan<ColumnarValue> args, int rows, bool greatest)
    {
        var choice = NoChoice(rows);
        if (args.Length == 0)
        {
            return choice;
        }

        // The best value so far is kept as a copy, so the comparison never needs two arguments open at once.
        var best = new byte[rows][];
        var sign = greatest ? 1 : -1;
        for (var k = 0; k < args.Length; k++)
        {
            var arg = new Utf8Arg(args[k]);
            if (arg.IsNullScalar)
            {
                continue;
            }

            for (var i = 0; i < rows; i++)
            {
                if (!arg.IsValid(i))
                {
                    continue;
                }

                var value = arg[i];
                if (choice[i] < 0 || value.SequenceCompareTo(best[i]) * sign > 0)
                {
                    best[i] = k == args.Length - 1 ? [] : value.ToArray();
                    choice[i] = k;
                }
            }
        }

        return choice;
    }

    /// <summary>
    /// Sets <paramref name="equal"/>[i] when both rows are non-NULL and equal (SQL '='). With
    /// <paramref name="nullsMatch"/>, two NULLs also count as equal (DECODE).
    /// </summary>
    public static void Equal(SqlType type, in ColumnarValue left, in ColumnarValue right, int rows, Span<bool> equal, bool nullsMatch)
    {
        switch (type.Kind)
        {
            case TypeKind.Boolean:
                EqualBoolean(left, right, rows, equal, nullsMatch);
                break;
            case TypeKind.Int16:
                EqualFixed<short, IntegerOrder<short>>(left, right, rows, equal, nullsMatch);
                break;
            case TypeKind.Int32 or TypeKind.Date:
                EqualFixed<int, IntegerOrder<int>>(left, right, rows, equal, nullsMatch);
                break;
            case TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz:
                EqualFixed<long, IntegerOrder<long>>(left, right, rows, equal, nullsMatch);
                break;
            case TypeKind.Float32:
                EqualFixed<float, FloatOrder<float>>(left, right, rows, equal, nullsMatch);
                break;
            case TypeKind.Float64:
                EqualFixed<double, FloatOrder<double>>(left, right, rows, equal, nullsMatch);
                break;
            case TypeKind.Decimal:
                EqualFixed<Int128, IntegerOrder<Int128>>(left, right, rows, equal, nullsMatch);
                break;
            case TypeKind.Interval:
                EqualFixed<MonthDayNanosecondInterval, IntervalOrder>(left, right, rows, equal, nullsMatch);
                break;
            case TypeKind.String or TypeKind.Binary:
                EqualBytes(left, right, rows, equal, nullsMatch);
                break;
            case TypeKind.Null:
                equal[..rows].Fill(nullsMatch);
                break;
            default:
                throw FederationException.Internal($"cannot compare {type}");
        }
    }

    private static void EqualFixed<T, TOrder>(in ColumnarValue leftValue, in ColumnarValue rightValue, int rows, Span<bool> equal, bool nullsMatch)
        where T : unmanaged
        where TOrder : struct, IValueOrder<T>
    {
        var left = new FixedArg<T>(leftValue);
        var right = new FixedArg<T>(rightValue);
        for (var i = 0; i < rows; i++)
        {
            var leftValid = left.IsValid(i);
            var rightValid = right.IsValid(i);
            equal[i] = leftValid && rightValid ? TOrder.Compare(left[i], right[i]) == 0 : nullsMatch && !leftValid && !rightValid;
        }
    }

    private static void EqualBoolean(in ColumnarValue leftValue, in ColumnarValue rightValue, int rows, Span<bool> equal, bool nullsMatch)
    {
        var left = new BoolArg(leftValue);
        var right = new BoolArg(rightValue);
        for (var i = 0; i < rows; i++)
        {
            var leftValid = left.IsValid(i);
            var rightValid = right.IsValid(i);
            equal[i] = leftValid && rightValid ? left[i] == right[i] : nullsMatch && !leftValid && !rightValid;
        }
    }

    private static void EqualBytes(in ColumnarValue leftValue, in ColumnarValue rightValue, int rows, Span<bool> equal, bool nullsMatch)
    {
        var left = new Utf8Arg(leftValue);
        var right = new Utf8Arg(rightValue);
        for (var i = 0; i < rows; i++)
        {
            var leftValid = left.IsValid(i);
            var rightValid = right.IsValid(i);
            equal[i] = leftValid && rightValid ? left[i].SequenceEqual(right[i]) : nullsMatch && !leftValid && !rightValid;
        }
    }

    /// <summary>COALESCE: the index of the first argument that is not NULL in each row, -1 when all are.</summary>
    public static int[] FirstValid(ReadOnlySpan<ColumnarValue> args, int rows)
    {
        var choice = NoChoice(rows);
        for (var k = 0; k < args.Length; k++)
        {
            if (args[k].IsScalar)
            {
                if (!args[k].Scalar!.IsNull)
                {
                    for (var i = 0; i < rows; i++)
                    {
                        if (choice[i] < 0)
                        {
                            choice[i] = k;
                        }
                    }

                    break;
                }

                continue;
            }

            var validity = Validity.Bits(args[k].Array!);
            for (var i = 0; i < rows; i++)
            {
                if (choice[i] < 0 && (validity.IsEmpty || Bitmap.Get(validity, i)))
                {
                    choice[i] = k;
                }
            }
        }

        return choice;
    }

    /// <summary>Whether each row of the value is not NULL.</summary>
    public static bool[] IsValid(in ColumnarValue value, int rows)
    {
        var result = new bool[rows];
        if (value.IsScalar)
        {
            result.AsSpan().Fill(!value.Scalar!.IsNull);
            return result;
        }

        var validity = Validity.Bits(value.Array!);
        for (var i = 0; i < rows; i++)
        {
            result[i] = validity.IsEmpty || Bitmap.Get(validity, i);
        }

        return result;
    }

    private static int[] NoChoice(int rows)
    {
        var choice = new int[rows];
        choice.AsSpan().Fill(-1);
        return choice;
    }

    private static bool AllValid(byte[] validity, int rows) => Bitmap.CountSet(validity, rows) == rows;
}
