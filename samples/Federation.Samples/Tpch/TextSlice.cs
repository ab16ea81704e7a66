namespace Federation.Samples.Tpch;

/// <summary>A comment, as a range of the shared text pool: comments are copied, never built as strings.</summary>
internal readonly record struct TextSlice(int Offset, int Length);
