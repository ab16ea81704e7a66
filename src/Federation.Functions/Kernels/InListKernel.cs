using System.Text;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Kernels;

/// <summary>
/// x [NOT] IN (constants) with SQL's rules: TRUE on a match; otherwise NULL when x is NULL or the list holds a
/// NULL; otherwise FALSE. Numbers go through a hash set; strings compare bytes (a hash set past 16 items).
/// </summary>
public sealed class InListKernel
{
    private readonly SqlType _type;
    private readonly bool _negated;
    private readonly bool _listHasNull;
    private readonly HashSet<long>? _longs;
    private readonly HashSet<Int128>? _decimals;
    private readonly HashSet<double>? _doubles;
    private readonly byte[][]? _smallStrings;
    private readonly HashSet<string>? _strings;
    private readonly HashSet<bool>? _booleans;
    private readonly List<ScalarValue>? _others;

    public InListKernel(SqlType type, IReadOnlyList<ScalarValue> list, bool negated)
    {
        _type = type;
        _negated = negated;
        var values = list.Where(v => !v.IsNull).ToList();
        _listHasNull = values.Count < list.Count;
        switch (type.Kind)
        {
            case TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Date or TypeKind.Timestamp or TypeKind.TimestampTz:
                _longs = values.Select(v => v.AsInt64()).ToHashSet();
                break;
            case TypeKind.Decimal:
                _decimals = values.Select(v => (Int128)v.Value!).ToHashSet();
                break;
            case TypeKind.Float32 or TypeKind.Float64:
                _doubles = values.Select(v => v.AsDouble()).ToHashSet();
                break;
            case TypeKind.String:
                if (values.Count <= 16)
                {
                    _smallStrings = values.Select(v => Encoding.UTF8.GetBytes((string)v.Value!)).ToArray();
                }
                else
                {
                    _strings = values.Select(v => (string)v.Value!).ToHashSet(StringComparer.Ordinal);
                }

                break;
            case TypeKind.Boolean:
                _booleans = values.Select(v => (bool)v.Value!).ToHashSet();
                break;
            default:
                _others = values;
                break;
        }
    }

    public ColumnarValue Evaluate(ColumnarValue input, int rowCount)
    {
        if (input.IsScalar)
        {
            var one = Evaluate(input.ToArray(1));
            return ColumnarValue.FromScalar(ArrayFactory.GetScalar(one, 0, SqlType.Boolean));
        }

        return ColumnarValue.FromArray(Evaluate(input.Array!));
    }

    private BooleanArray Evaluate(IArrowArray array)
    {
        var n = array.Length;
        var found = Bitmap.AllClear(n);
        switch (_type.Kind)
        {
            case TypeKind.Int16: Probe(ArrayFactory.FixedValues<short>(array), found); break;
            case TypeKind.Int32 or TypeKind.Date: Probe(ArrayFactory.FixedValues<int>(array), found); break;
            case TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz: Probe(ArrayFactory.FixedValues<long>(array), found); break;
            case TypeKind.Decimal:
            {
                var decimals = ArrayFactory.DecimalValues(array);
                for (var i = 0; i < n; i++)
                {
                    if (_decimals!.Contains(decimals[i]))
                    {
                        Bitmap.Set(found, i);
                    }
                }

                break;
            }

            case TypeKind.Float32 or TypeKind.Float64:
                for (var i = 0; i < n; i++)
                {
                    var d = _type.Kind == TypeKind.Float32 ? ArrayFactory.FixedValues<float>(array)[i] : ArrayFactory.FixedValues<double>(array)[i];
                    if (_doubles!.Contains(d))
                    {
                        Bitmap.Set(found, i);
                    }
                }

                break;
            case TypeKind.String:
                ProbeStrings((StringArray)array, found);
                break;
            case TypeKind.Boolean:
            {
                var booleans = (BooleanArray)array;
                for (var i = 0; i < n; i++)
                {
                    if (booleans.GetValue(i) is { } b && _booleans!.Contains(b))
                    {
                        Bitmap.Set(found, i);
                    }
                }

                break;
            }

            default:
                for (var i = 0; i < n; i++)
                {
                    var v = ArrayFactory.GetScalar(array, i, _type);
                    if (!v.IsNull && _others!.Any(o => ComparisonKernel.ScalarCompare(v, o) == 0))
                    {
                        Bitmap.Set(found, i);
                    }
                }

                break;
        }

        // found → TRUE (FALSE when negated); not found → NULL if the list has a NULL, else FALSE (TRUE when negated).
        var inputValidity = Validity.Bits(array);
        var values = new byte[Bitmap.BytesFor(n)];
        byte[]? validity = null;
        if (_listHasNull || !inputValidity.IsEmpty)
        {
            validity = new byte[values.Length];
        }

        for (var i = 0; i < n; i++)
        {
            var inputValid = inputValidity.IsEmpty || Bitmap.Get(inputValidity, i);
            var isFound = inputValid && Bitmap.Get(found, i);
            var valid = inputValid && (isFound || !_listHasNull);
            if (valid && (isFound != _negated))
            {
                Bitmap.Set(values, i);
            }

            if (validity is not null && valid)
            {
                Bitmap.Set(validity, i);
            }
        }

        return ArrayFactory.Boolean(values, n, validity);
    }

    private void Probe<T>(ReadOnlySpan<T> values, byte[] found)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var set = _longs!;
        for (var i = 0; i < values.Length; i++)
        {
            if (set.Contains(long.CreateTruncating(values[i])))
            {
                Bitmap.Set(found, i);
            }
        }
    }

    private void ProbeStrings(StringArray array, byte[] found)
    {
        var offsets = array.ValueOffsets;
        var data = array.ValueBuffer.Span;
        for (var i = 0; i < array.Length; i++)
        {
            var text = data[offsets[i]..offsets[i + 1]];
            if (_smallStrings is not null)
            {
                foreach (var candidate in _smallStrings)
                {
                    if (text.SequenceEqual(candidate))
                    {
                        Bitmap.Set(found, i);
                        break;
                    }
                }
            }
            else if (_strings!.Contains(Encoding.UTF8.GetString(text)))
            {
                Bitmap.Set(found, i);
            }
        }
    }
}
