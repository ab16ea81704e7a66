using System.Text.RegularExpressions;

namespace Federation.Functions.Scalar.String;

/// <summary>The options parsed from a PostgreSQL/Redshift regular-expression flags string.</summary>
internal readonly record struct RegexFlags(RegexOptions Options, bool Global, bool Literal, bool NewlineSensitive, bool ExtractGroup);
