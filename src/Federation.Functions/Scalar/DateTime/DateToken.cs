namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// A parsed template element: a pattern with its modifiers (FM fill mode, TH/th ordinal suffix), the letter case
/// of name patterns (0 upper, 1 capitalised, 2 lower), the digit count of FF1..FF6, or literal text.
/// </summary>
internal readonly record struct DateToken(DatePattern Pattern, string Text, bool FillMode, int Ordinal, int Case, int Digits);
