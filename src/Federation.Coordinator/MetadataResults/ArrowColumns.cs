using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Common;

namespace Federation.Coordinator.MetadataResults;

/// <summary>Builds the small columns of metadata results from lists of values; metadata has tens of rows, not millions.</summary>
internal static class ArrowColumns
{
    public static StringArray Utf8(IEnumerable<string?> values)
    {
        var builder = new StringArray.Builder();
        foreach (var value in values)
        {
            if (value is null)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(value);
            }
        }

        return builder.Build();
    }

    public static Int32Array Int32(IEnumerable<int?> values)
    {
        var builder = new Int32Array.Builder();
        foreach (var value in values)
        {
            builder.Append(value);
        }

        return builder.Build();
    }

    public static BooleanArray Boolean(IEnumerable<bool?> values)
    {
        var builder = new BooleanArray.Builder();
        foreach (var value in values)
        {
            if (value is { } flag)
            {
                builder.Append(flag);
            }
            else
            {
                builder.AppendNull();
            }
        }

        return builder.Build();
    }

    public static BinaryArray Binary(IEnumerable<byte[]> values)
    {
        var builder = new BinaryArray.Builder();
        foreach (var value in values)
        {
            builder.Append((ReadOnlySpan<byte>)value);
        }

        return builder.Build();
    }

    /// <summary>A list of strings per row (null for a null list), typed as <paramref name="type"/> so the batch matches its schema exactly.</summary>
    public static ListArray Utf8Lists(ListType type, IReadOnlyList<IReadOnlyList<string>?> lists)
    {
        var offsets = new ArrowBuffer.Builder<int>(lists.Count + 1);
        var validity = new ArrowBuffer.BitmapBuilder(lists.Count);
        var items = new List<string?>();
        var nulls = 0;
        offsets.Append(0);
        foreach (var list in lists)
        {
            if (list is null)
            {
                nulls++;
            }
            else
            {
                items.AddRange(list);
            }

            validity.Append(list is not null);
            offsets.Append(items.Count);
        }

        return new ListArray(type, lists.Count, offsets.Build(), Utf8(items), nulls == 0 ? ArrowBuffer.Empty : validity.Build(), nulls);
    }

    /// <summary>A batch of <paramref name="schema"/> without rows, for the commands whose answer is always empty.</summary>
    public static RecordBatch Empty(Schema schema) =>
        new(schema, schema.FieldsList.Select(f => EmptyOf(f.DataType)), 0);

    private static IArrowArray EmptyOf(IArrowType type) => type switch
    {
        StringType => new StringArray.Builder().Build(),
        Int32Type => new Int32Array.Builder().Build(),
        UInt8Type => new UInt8Array.Builder().Build(),
        _ => throw FederationException.Internal($"no empty metadata column of type {type.Name}"),
    };
}
