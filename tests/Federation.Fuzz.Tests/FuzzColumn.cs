namespace Federation.Fuzz.Tests;

/// <summary>A column the generator may refer to: its name (qualified where the scope needs it) and its type.</summary>
public sealed record FuzzColumn(string Name, FuzzType Type);
