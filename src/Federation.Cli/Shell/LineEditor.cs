using System.Globalization;
using System.Text;

namespace Federation.Cli.Shell;

/// <summary>
/// Reads one line from keys with emacs-style editing: Left/Right (Ctrl-B/F), Home/End (Ctrl-A/E), Backspace, Delete,
/// Ctrl-U (delete to the start), Ctrl-K (delete to the end), Ctrl-W (delete the word before the cursor), Up/Down
/// (Ctrl-P/N) through <see cref="History"/>, Enter to accept, Ctrl-C to discard the line, Ctrl-D to end input on an
/// empty line (else it deletes under the cursor). It redraws the line after every key with ANSI escapes, which every
/// terminal the shell meets understands. A line wider than the terminal scrolls sideways within one screen row (as
/// readline's horizontal-scroll mode does) instead of wrapping, so the redraw never has to climb rows it cannot see.
/// </summary>
public sealed class LineEditor
{
    private const string ClearToEnd = "\u001b[K";

    private readonly IKeySource _keys;
    private readonly TextWriter _screen;
    private readonly History _history;
    private readonly StringBuilder _buffer = new();
    private readonly Func<int> _width;
    private string _prompt = string.Empty;
    private string _draft = string.Empty;
    private int _historyIndex;
    private int _scroll;

    /// <param name="keys">Where keys come from.</param>
    /// <param name="screen">Where the line is drawn.</param>
    /// <param name="history">Up and Down walk it; the caller adds accepted lines.</param>
    /// <param name="width">The terminal's width in columns, asked before each redraw; 0 or less when unknown (no scrolling).</param>
    public LineEditor(IKeySource keys, TextWriter screen, History history, Func<int>? width = null)
    {
        _keys = keys;
        _screen = screen;
        _history = history;
        _width = width ?? (() => 0);
    }

    /// <summary>The line as edited so far.</summary>
    public string Buffer => _buffer.ToString();

    /// <summary>Where the next typed character goes (0 = before the first).</summary>
    public int Cursor { get; private set; }

    public LineRead ReadLine(string prompt)
    {
        _prompt = prompt;
        _buffer.Clear();
        Cursor = 0;
        _scroll = 0;
        _draft = string.Empty;
        _historyIndex = _history.Count;
        _screen.Write(prompt);
        _screen.Flush();
        while (true)
        {
            var key = _keys.ReadKey();
            var appending = Cursor == _buffer.Length;
            var length = _buffer.Length;
            if (Handle(key) is { } done)
            {
                _screen.Flush();
                return done;
            }

            if (appending && _buffer.Length == length + 1 && Cursor == _buffer.Length && _buffer[^1] == key.KeyChar && _scroll == 0
                && Fits(_buffer.Length))
            {
                // Typing at the end of the line, the usual case: the character is all that changes on screen.
                _screen.Write(key.KeyChar);
                _screen.Flush();
            }
            else
            {
                Redraw();
            }
        }
    }

    private LineRead? Handle(ConsoleKeyInfo key)
    {
        var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
        var c = key.KeyChar;
        if (key.Key == ConsoleKey.Enter || c is '\r' or '\n')
        {
            _screen.Write('\n');
            return new LineRead(LineReadKind.Line, Buffer);
        }

        if (c == '\u0003' || (control && key.Key == ConsoleKey.C))
        {
            _screen.Write("^C\n");
            var discarded = Buffer;
            _buffer.Clear();
            Cursor = 0;
            return new LineRead(LineReadKind.Interrupted, discarded);
        }

        if (c == '\u0004' || (control && key.Key == ConsoleKey.D))
        {
            if (_buffer.Length == 0)
            {
                _screen.Write('\n');
                return new LineRead(LineReadKind.EndOfInput, string.Empty);
            }

            DeleteAt(Cursor);
            return null;
        }

        switch (key.Key)
        {
            case ConsoleKey.LeftArrow:
                Cursor = Math.Max(0, Cursor - 1);
                return null;
            case ConsoleKey.RightArrow:
                Cursor = Math.Min(_buffer.Length, Cursor + 1);
                return null;
            case ConsoleKey.Home:
                Cursor = 0;
                return null;
            case ConsoleKey.End:
                Cursor = _buffer.Length;
                return null;
            case ConsoleKey.Backspace:
                Backspace();
                return null;
            case ConsoleKey.Delete:
                DeleteAt(Cursor);
                return null;
            case ConsoleKey.UpArrow:
                HistoryPrevious();
                return null;
            case ConsoleKey.DownArrow:
                HistoryNext();
                return null;
            case ConsoleKey.Tab:
                Insert("    ");
                return null;
        }

        // Control characters, as terminals send them with or without ConsoleKey set.
        switch (c)
        {
            case '\u0001':
                Cursor = 0;
                return null;
            case '\u0005':
                Cursor = _buffer.Length;
                return null;
            case '\u0002':
                Cursor = Math.Max(0, Cursor - 1);
                return null;
            case '\u0006':
                Cursor = Math.Min(_buffer.Length, Cursor + 1);
                return null;
            case '\u0008' or '\u007f':
                Backspace();
                return null;
            case '\u0015':
                _buffer.Remove(0, Cursor);
                Cursor = 0;
                return null;
            case '\u000b':
                _buffer.Length = Cursor;
                return null;
            case '\u0017':
                DeleteWordBefore();
                return null;
            case '\u0010':
                HistoryPrevious();
                return null;
            case '\u000e':
                HistoryNext();
                return null;
        }

        if (control && ControlLetter(key.Key) is { } letter)
        {
            // Some terminals report Ctrl+letter as the letter key with the Control modifier and no control character.
            return Handle(new ConsoleKeyInfo(letter, key.Key, shift: false, alt: false, control: false));
        }

        if (c != '\0' && !char.IsControl(c))
        {
            Insert(c.ToString());
        }

        return null;
    }

    private static char? ControlLetter(ConsoleKey key) =>
        key is >= ConsoleKey.A and <= ConsoleKey.Z ? (char)(key - ConsoleKey.A + 1) : null;

    private void Insert(string text)
    {
        _buffer.Insert(Cursor, text);
        Cursor += text.Length;
    }

    private void Backspace()
    {
        if (Cursor > 0)
        {
            _buffer.Remove(Cursor - 1, 1);
            Cursor--;
        }
    }

    private void DeleteAt(int position)
    {
        if (position < _buffer.Length)
        {
            _buffer.Remove(position, 1);
        }
    }

    private void DeleteWordBefore()
    {
        var start = Cursor;
        while (start > 0 && char.IsWhiteSpace(_buffer[start - 1]))
        {
            start--;
        }

        while (start > 0 && !char.IsWhiteSpace(_buffer[start - 1]))
        {
            start--;
        }

        _buffer.Remove(start, Cursor - start);
        Cursor = start;
    }

    private void HistoryPrevious()
    {
        if (_historyIndex == 0)
        {
            return;
        }

        if (_historyIndex == _history.Count)
        {
            _draft = Buffer;
        }

        _historyIndex--;
        Replace(_history.Entries[_historyIndex]);
    }

    private void HistoryNext()
    {
        if (_historyIndex >= _history.Count)
        {
            return;
        }

        _historyIndex++;
        Replace(_historyIndex == _history.Count ? _draft : _history.Entries[_historyIndex]);
    }

    private void Replace(string text)
    {
        _buffer.Clear().Append(text);
        Cursor = text.Length;
    }

    /// <summary>Whether a line of <paramref name="length"/> characters and the cursor after it fit on one screen row.</summary>
    private bool Fits(int length)
    {
        var width = _width();
        return width <= 0 || _prompt.Length + length < width;
    }

    /// <summary>
    /// Back to the line's start, prompt and text again, erase what was longer, cursor back into place. A line too wide
    /// for the row shows the part around the cursor.
    /// </summary>
    private void Redraw()
    {
        var text = Buffer;
        var shown = text;
        var cursor = Cursor;
        if (Fits(text.Length))
        {
            _scroll = 0;
        }
        else
        {
            var room = Math.Max(1, _width() - _prompt.Length - 1);
            _scroll = Math.Clamp(_scroll, Math.Max(0, Cursor - room), Math.Min(Cursor, Math.Max(0, text.Length - room)));
            shown = text.Substring(_scroll, Math.Min(room, text.Length - _scroll));
            cursor = Cursor - _scroll;
        }

        _screen.Write('\r');
        _screen.Write(_prompt);
        _screen.Write(shown);
        _screen.Write(ClearToEnd);
        var back = shown.Length - cursor;
        if (back > 0)
        {
            _screen.Write(string.Create(CultureInfo.InvariantCulture, $"\u001b[{back}D"));
        }

        _screen.Flush();
    }
}
