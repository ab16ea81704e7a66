namespace Federation.Cli.Shell;

/// <summary>One statement cut from a script: its text without the ending semicolon, and where it starts in the script.</summary>
public readonly record struct SqlStatement(string Text, int Offset);
