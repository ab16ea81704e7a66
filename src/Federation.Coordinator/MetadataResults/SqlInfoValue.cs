namespace Federation.Coordinator.MetadataResults;

/// <summary>
/// One value of GetSqlInfo's value column, a dense union whose members are, in the specification's order (their
/// type ids 0 to 5): string_value, bool_value, bigint_value, int32_bitmask (which also carries the int32 ordinals
/// of enums such as SqlNullOrdering), string_list and int32_to_int32_list_map.
/// </summary>
internal abstract record SqlInfoValue
{
    private SqlInfoValue()
    {
    }

    public abstract sbyte TypeId { get; }

    public sealed record Text(string Value) : SqlInfoValue
    {
        public override sbyte TypeId => 0;
    }

    public sealed record Flag(bool Value) : SqlInfoValue
    {
        public override sbyte TypeId => 1;
    }

    public sealed record BigInt(long Value) : SqlInfoValue
    {
        public override sbyte TypeId => 2;
    }

    public sealed record Int32(int Value) : SqlInfoValue
    {
        public override sbyte TypeId => 3;
    }

    public sealed record TextList(IReadOnlyList<string> Values) : SqlInfoValue
    {
        public override sbyte TypeId => 4;
    }

    public sealed record Int32ListMap(IReadOnlyDictionary<int, IReadOnlyList<int>> Values) : SqlInfoValue
    {
        public override sbyte TypeId => 5;
    }
}
