using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Coordinator.Protocol;
using Federation.Engine;

namespace Federation.Coordinator.MetadataResults;

/// <summary>
/// CommandGetSqlInfo: one row per requested fact (<see cref="ServerSqlInfo"/>), in the order asked, or every fact
/// in id order when none is named. Ids this server has no value for are left out rather than failing the call,
/// so a client that asks for a newer fact still connects.
/// </summary>
internal sealed class SqlInfoResult(CommandGetSqlInfo command) : IMetadataResult
{
    private static readonly ListType StringListType = new(new Field("item", StringType.Default, nullable: true));
    private static readonly ListType Int32ListType = new(new Field("item", Int32Type.Default, nullable: true));
    private static readonly MapType Int32ToInt32ListType = new(Int32Type.Default, Int32ListType, nullable: true, keySorted: false);

    /// <summary>The union exactly as Arrow's C++ and Java servers declare it: some clients compare schemas field for field.</summary>
    private static readonly UnionType ValueType = new(
        [
            new Field("string_value", StringType.Default, nullable: false),
            new Field("bool_value", BooleanType.Default, nullable: false),
            new Field("bigint_value", Int64Type.Default, nullable: false),
            new Field("int32_bitmask", Int32Type.Default, nullable: false),
            new Field("string_list", StringListType, nullable: false),
            new Field("int32_to_int32_list_map", Int32ToInt32ListType, nullable: false),
        ],
        [0, 1, 2, 3, 4, 5],
        UnionMode.Dense);

    public static readonly Schema ResultSchema = new Schema.Builder()
        .Field(new Field("info_name", UInt32Type.Default, nullable: false))
        .Field(new Field("value", ValueType, nullable: false))
        .Build();

    public Schema Schema => ResultSchema;

    public RecordBatch Compute(Session session)
    {
        var facts = ServerSqlInfo.For(session.Functions);
        var rows = command.Info.Count == 0
            ? facts.ToArray()
            : command.Info.Where(facts.ContainsKey).Select(id => KeyValuePair.Create(id, facts[id])).ToArray();

        var names = new UInt32Array.Builder();
        foreach (var row in rows)
        {
            names.Append(row.Key);
        }

        return new RecordBatch(ResultSchema, [names.Build(), Values(rows.Select(r => r.Value).ToArray())], rows.Length);
    }

    /// <summary>The dense union: each value goes to the end of its member's array, and its offset says where.</summary>
    private static DenseUnionArray Values(IReadOnlyList<SqlInfoValue> values)
    {
        var typeIds = new ArrowBuffer.Builder<sbyte>(values.Count);
        var offsets = new ArrowBuffer.Builder<int>(values.Count);
        var texts = new List<string?>();
        var flags = new List<bool?>();
        var bigInts = new Int64Array.Builder();
        var int32s = new List<int?>();
        var textLists = new List<IReadOnlyList<string>?>();
        var maps = new List<IReadOnlyDictionary<int, IReadOnlyList<int>>>();
        foreach (var value in values)
        {
            typeIds.Append(value.TypeId);
            switch (value)
            {
                case SqlInfoValue.Text text:
                    offsets.Append(texts.Count);
                    texts.Add(text.Value);
                    break;
                case SqlInfoValue.Flag flag:
                    offsets.Append(flags.Count);
                    flags.Add(flag.Value);
                    break;
                case SqlInfoValue.BigInt bigInt:
                    offsets.Append(bigInts.Length);
                    bigInts.Append(bigInt.Value);
                    break;
                case SqlInfoValue.Int32 int32:
                    offsets.Append(int32s.Count);
                    int32s.Add(int32.Value);
                    break;
                case SqlInfoValue.TextList list:
                    offsets.Append(textLists.Count);
                    textLists.Add(list.Values);
                    break;
                case SqlInfoValue.Int32ListMap map:
                    offsets.Append(maps.Count);
                    maps.Add(map.Values);
                    break;
            }
        }

        IArrowArray[] children =
        [
            ArrowColumns.Utf8(texts),
            ArrowColumns.Boolean(flags),
            bigInts.Build(),
            ArrowColumns.Int32(int32s),
            ArrowColumns.Utf8Lists(StringListType, textLists),
            Int32ToInt32Lists(maps),
        ];
        return new DenseUnionArray(ValueType, values.Count, children, typeIds.Build(), offsets.Build());
    }

    private static MapArray Int32ToInt32Lists(IReadOnlyList<IReadOnlyDictionary<int, IReadOnlyList<int>>> maps)
    {
        var mapOffsets = new ArrowBuffer.Builder<int>(maps.Count + 1);
        var keys = new List<int?>();
        var listOffsets = new ArrowBuffer.Builder<int>();
        var items = new List<int?>();
        mapOffsets.Append(0);
        listOffsets.Append(0);
        foreach (var map in maps)
        {
            foreach (var (key, list) in map.OrderBy(e => e.Key))
            {
                keys.Add(key);
                items.AddRange(list.Select(i => (int?)i));
                listOffsets.Append(items.Count);
            }

            mapOffsets.Append(keys.Count);
        }

        var lists = new ListArray(Int32ListType, keys.Count, listOffsets.Build(), ArrowColumns.Int32(items), ArrowBuffer.Empty, 0);
        var entries = new StructArray(Int32ToInt32ListType.KeyValueType, keys.Count, [ArrowColumns.Int32(keys), lists], ArrowBuffer.Empty, 0);
        return new MapArray(Int32ToInt32ListType, maps.Count, mapOffsets.Build(), entries, ArrowBuffer.Empty, 0);
    }
}
