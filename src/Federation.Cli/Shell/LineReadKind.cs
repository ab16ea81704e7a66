namespace Federation.Cli.Shell;

/// <summary>How <see cref="LineEditor.ReadLine"/> ended.</summary>
public enum LineReadKind
{
    /// <summary>Enter: the text is the line.</summary>
    Line,

    /// <summary>Ctrl-C: the line was discarded.</summary>
    Interrupted,

    /// <summary>Ctrl-D on an empty line: the user is done.</summary>
    EndOfInput,
}
