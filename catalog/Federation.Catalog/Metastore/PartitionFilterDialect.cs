namespace Federation.Catalog.Metastore;

/// <summary>
/// How one catalog service spells a partition filter, for <see cref="PartitionFilterPrinter"/>: its AND/OR words,
/// whether it has IN (else an OR of equalities), the quotes a text literal may use in order of preference (a value
/// holding all of them cannot be written), whether keys are lower-cased, and whether an AND inside an AND is
/// parenthesized too (every other compound operand always is, so precedence never decides).
/// </summary>
public sealed record PartitionFilterDialect(string And, string Or, bool HasInList, string Quotes, bool LowerCaseKeys, bool ParenthesizeAndInAnd);
