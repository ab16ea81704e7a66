namespace Federation.Catalog.Metastore;

/// <summary>
/// A query's condition on partition keys, in a form a metastore service can evaluate itself (Hive's filter string,
/// Glue's expression): comparisons of one key with a literal, IN lists, AND and OR. Values are the canonical text the
/// partitions hold; <see cref="PartitionComparison.Numeric"/> says whether the key compares as a number.
/// </summary>
public abstract record PartitionPredicate;

/// <summary>key op value.</summary>
public sealed record PartitionComparison(string Key, PartitionOperator Operator, string Value, bool Numeric) : PartitionPredicate;

/// <summary>key IN (values).</summary>
public sealed record PartitionInList(string Key, IReadOnlyList<string> Values, bool Numeric) : PartitionPredicate;

/// <summary>Every operand holds.</summary>
public sealed record PartitionAnd(IReadOnlyList<PartitionPredicate> Operands) : PartitionPredicate;

/// <summary>Some operand holds.</summary>
public sealed record PartitionOr(IReadOnlyList<PartitionPredicate> Operands) : PartitionPredicate;

/// <summary>The comparison operators a partition predicate can use.</summary>
public enum PartitionOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
