using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Physical.Hashing;

namespace Federation.Physical.Pruning;

/// <summary>
/// A published <see cref="JoinKeyFilter"/>'s build-side keys as values rather than a hash table: per key column its
/// range and, when small, its set (<see cref="JoinKeyColumnSummary"/>). Only a scan that cuts fragments for workers
/// asks for it (it turns it into filters a worker evaluates, <see cref="ShippedJoinKeyFilters"/>), so it is computed
/// lazily, once per execution, by <see cref="JoinKeySlot.Summary"/>; in-process filtering keeps using the table.
/// </summary>
public sealed class JoinKeySummary
{
    /// <summary>
    /// The most distinct keys shipped as an IN list. A worker checks an IN list with a hash set, so the cost per row
    /// does not grow with it; what grows is every fragment's ticket (about 10-20 bytes a value, times the fragments)
    /// and the planning of each fragment. A thousand keys keeps a ticket within tens of kilobytes, the order of
    /// Trino's bound on a small dynamic filter's distinct values; past it the range alone is shipped.
    /// </summary>
    public const int MaxDistinctValues = 1_000;

    public JoinKeySummary(IReadOnlyList<JoinKeyColumnSummary> columns)
    {
        Columns = columns;
    }

    /// <summary>One entry per key of the filter, in the filter's key order.</summary>
    public IReadOnlyList<JoinKeyColumnSummary> Columns { get; }

    /// <summary>Summarizes the evaluated build keys (one array per key, <paramref name="rows"/> rows each).</summary>
    public static JoinKeySummary Compute(IReadOnlyList<IArrowArray> keys, IReadOnlyList<SqlType> types, int rows, bool nullsMatch)
    {
        var columns = new JoinKeyColumnSummary[keys.Count];
        for (var k = 0; k < columns.Length; k++)
        {
            columns[k] = Summarize(keys[k], types[k], rows, nullsMatch);
        }

        return new JoinKeySummary(columns);
    }

    /// <summary>One key column's range, small set and NULLs.</summary>
    public static JoinKeyColumnSummary Summarize(IArrowArray key, SqlType type, int rows, bool nullsMatch)
    {
        var validity = Validity.Bits(key);
        if (LongKeys.Supports(type))
        {
            var (min, max, values, hasNull) = SummarizeFixed(LongKeys.View(key, type, rows), validity);
            return Column(type, min is { } lo ? Integral(type, lo) : null, max is { } hi ? Integral(type, hi) : null,
                values?.ConvertAll(v => Integral(type, v)), hasNull, nullsMatch);
        }

        if (type.Kind == TypeKind.Decimal)
        {
            var (min, max, values, hasNull) = SummarizeFixed(ArrayFactory.DecimalValues(key)[..rows], validity);
            return Column(type, min is { } lo ? new ScalarValue(type, lo) : null, max is { } hi ? new ScalarValue(type, hi) : null,
                values?.ConvertAll(v => new ScalarValue(type, v)), hasNull, nullsMatch);
        }

        if (type.Kind == TypeKind.String && !type.IsChar)
        {
            return SummarizeStrings((StringArray)key, type, rows, validity, nullsMatch);
        }

        return new JoinKeyColumnSummary(type, false, null, null, null, Validity.HasNulls(key), nullsMatch);
    }

    private static JoinKeyColumnSummary Column(SqlType type, ScalarValue? min, ScalarValue? max, List<ScalarValue>? values, bool hasNull, bool nullsMatch) =>
        new(type, true, min, max, values, hasNull, nullsMatch);

    private static (T? Min, T? Max, List<T>? Values, bool HasNull) SummarizeFixed<T>(ReadOnlySpan<T> keys, ReadOnlySpan<byte> validity)
        where T : struct, IComparable<T>, IEquatable<T>
    {
        var any = false;
        var hasNull = false;
        T min = default;
        T max = default;
        HashSet<T>? distinct = [];
        for (var i = 0; i < keys.Length; i++)
        {
            if (!Validity.IsValid(validity, i))
            {
                hasNull = true;
                continue;
            }

            var value = keys[i];
            if (!any)
            {
                min = max = value;
                any = true;
            }
            else if (value.CompareTo(min) < 0)
            {
                min = value;
            }
            else if (value.CompareTo(max) > 0)
            {
                max = value;
            }

            if (distinct is not null && distinct.Add(value) && distinct.Count > MaxDistinctValues)
            {
                distinct = null;
            }
        }

        if (!any)
        {
            return (null, null, [], hasNull);
        }

        List<T>? values = null;
        if (distinct is not null)
        {
            values = [.. distinct];
            values.Sort();
        }

        return (min, max, values, hasNull);
    }

    private static ScalarValue Integral(SqlType type, long value) => type.Kind switch
    {
        TypeKind.Int16 => new ScalarValue(type, (short)value),
        TypeKind.Int32 or TypeKind.Date => new ScalarValue(type, (int)value),
        _ => new ScalarValue(type, value),
    };

    /// <summary>Strings ordered by their UTF-8 bytes, as the comparison kernels and Parquet statistics order them.</summary>
    private static JoinKeyColumnSummary SummarizeStrings(StringArray keys, SqlType type, int rows, ReadOnlySpan<byte> validity, bool nullsMatch)
    {
        var hasNull = false;
        var min = -1;
        var max = -1;
        HashSet<byte[]>? distinct = new(Utf8Comparer.Instance);
        for (var i = 0; i < rows; i++)
        {
            if (!Validity.IsValid(validity, i))
            {
                hasNull = true;
                continue;
            }

            var value = keys.GetBytes(i);
            if (min < 0)
            {
                min = max = i;
            }
            else if (value.SequenceCompareTo(keys.GetBytes(min)) < 0)
            {
                min = i;
            }
            else if (value.SequenceCompareTo(keys.GetBytes(max)) > 0)
            {
                max = i;
            }

            if (distinct is not null && distinct.GetAlternateLookup<ReadOnlySpan<byte>>().Add(value) && distinct.Count > MaxDistinctValues)
            {
                distinct = null;
            }
        }

        if (min < 0)
        {
            return Column(type, null, null, [], hasNull, nullsMatch);
        }

        List<ScalarValue>? values = null;
        if (distinct is not null)
        {
            var sorted = distinct.ToArray();
            System.Array.Sort(sorted, static (a, b) => a.AsSpan().SequenceCompareTo(b));
            values = new List<ScalarValue>(sorted.Length);
            foreach (var bytes in sorted)
            {
                values.Add(new ScalarValue(type, System.Text.Encoding.UTF8.GetString(bytes)));
            }
        }

        return Column(type, new ScalarValue(type, keys.GetString(min)), new ScalarValue(type, keys.GetString(max)), values, hasNull, nullsMatch);
    }

    /// <summary>Byte-wise equality of UTF-8 strings, looked up by span so a key already in the set allocates nothing.</summary>
    private sealed class Utf8Comparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly Utf8Comparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
