namespace Federation.Cli.Shell;

/// <summary>What <see cref="LineEditor.ReadLine"/> read: a line, or why there is none.</summary>
public readonly record struct LineRead(LineReadKind Kind, string Text);
