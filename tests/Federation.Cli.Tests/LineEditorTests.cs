using Federation.Cli.Shell;

namespace Federation.Cli.Tests;

public sealed class LineEditorTests
{
    private static ConsoleKeyInfo Key(ConsoleKey key) => new('\0', key, shift: false, alt: false, control: false);

    private static ConsoleKeyInfo Char(char c) => new(c, ConsoleKey.NoName, shift: false, alt: false, control: false);

    private static ConsoleKeyInfo Ctrl(char letter) =>
        new((char)(char.ToUpperInvariant(letter) - 'A' + 1), ConsoleKey.A + (char.ToUpperInvariant(letter) - 'A'), shift: false, alt: false, control: true);

    private static ConsoleKeyInfo Enter => new('\r', ConsoleKey.Enter, shift: false, alt: false, control: false);

    private static IEnumerable<ConsoleKeyInfo> Text(string text) => text.Select(Char);

    private static LineRead Read(History history, params IEnumerable<ConsoleKeyInfo>[] keys)
    {
        var editor = new LineEditor(new ScriptedKeys(keys.SelectMany(k => k)), TextWriter.Null, history);
        return editor.ReadLine("fed=> ");
    }

    private static LineRead Read(params IEnumerable<ConsoleKeyInfo>[] keys) => Read(new History(), keys);

    [Fact]
    public void Typed_text_is_the_line()
    {
        Assert.Equal(new LineRead(LineReadKind.Line, "SELECT 1;"), Read(Text("SELECT 1;"), [Enter]));
    }

    [Fact]
    public void Left_right_home_and_end_move_where_text_goes()
    {
        var line = Read(Text("bc"), [Key(ConsoleKey.Home)], Text("a"), [Key(ConsoleKey.End)], Text("e"), [Key(ConsoleKey.LeftArrow)], Text("d"),
            [Key(ConsoleKey.RightArrow)], Text("f"), [Enter]);

        Assert.Equal("abcdef", line.Text);
    }

    [Fact]
    public void Ctrl_A_and_Ctrl_E_go_to_the_start_and_the_end()
    {
        var line = Read(Text("middle"), [Ctrl('a')], Text("<"), [Ctrl('e')], Text(">"), [Enter]);

        Assert.Equal("<middle>", line.Text);
    }

    [Fact]
    public void Backspace_deletes_before_the_cursor_and_Delete_under_it()
    {
        var line = Read(Text("abcd"), [Key(ConsoleKey.Backspace)], [Key(ConsoleKey.Home), Key(ConsoleKey.Delete)], [Key(ConsoleKey.Backspace)], [Enter]);

        Assert.Equal("bc", line.Text);
    }

    [Fact]
    public void DEL_and_BS_characters_also_delete_backwards()
    {
        Assert.Equal("ab", Read(Text("abc"), [Char('\u007f')], [Enter]).Text);
        Assert.Equal("ab", Read(Text("abc"), [Char('\b')], [Enter]).Text);
    }

    [Fact]
    public void Ctrl_U_deletes_to_the_start_and_Ctrl_K_to_the_end()
    {
        Assert.Equal("world", Read(Text("hello world"), Enumerable.Repeat(Key(ConsoleKey.LeftArrow), 5), [Ctrl('u')], [Enter]).Text);
        Assert.Equal("hello", Read(Text("hello world"), Enumerable.Repeat(Key(ConsoleKey.LeftArrow), 6), [Ctrl('k')], [Enter]).Text);
    }

    [Fact]
    public void Ctrl_W_deletes_the_word_before_the_cursor()
    {
        Assert.Equal("SELECT ", Read(Text("SELECT oops  "), [Ctrl('w')], [Enter]).Text);
    }

    [Fact]
    public void Up_and_down_walk_the_history_and_stop_at_its_ends()
    {
        var history = new History();
        history.Add("SELECT 1;");
        history.Add("SELECT 2;");

        Assert.Equal("SELECT 2;", Read(history, Text("draft"), [Key(ConsoleKey.UpArrow)], [Enter]).Text);
        Assert.Equal("SELECT 1;", Read(history, Enumerable.Repeat(Key(ConsoleKey.UpArrow), 3), [Enter]).Text);
        Assert.Equal("SELECT 2;", Read(history, Enumerable.Repeat(Key(ConsoleKey.UpArrow), 3), [Key(ConsoleKey.DownArrow)], [Enter]).Text);
        Assert.Equal("SELECT 1;", Read(history, [Ctrl('p'), Ctrl('p'), Ctrl('n'), Ctrl('p')], [Enter]).Text);
    }

    [Fact]
    public void Down_past_the_newest_entry_restores_what_was_typed()
    {
        var history = new History();
        history.Add("old");

        var line = Read(history, Text("new"), [Key(ConsoleKey.UpArrow)], [Key(ConsoleKey.DownArrow)], Text("er"), [Enter]);

        Assert.Equal("newer", line.Text);
    }

    [Fact]
    public void A_recalled_entry_can_be_edited()
    {
        var history = new History();
        history.Add("SELECT 1;");

        var line = Read(history, [Key(ConsoleKey.UpArrow), Key(ConsoleKey.LeftArrow), Key(ConsoleKey.Backspace)], Text("2"), [Enter]);

        Assert.Equal("SELECT 2;", line.Text);
        Assert.Equal(["SELECT 1;"], history.Entries);
    }

    [Fact]
    public void Ctrl_C_discards_the_line()
    {
        var editor = new LineEditor(new ScriptedKeys([.. Text("half typed"), Ctrl('c')]), TextWriter.Null, new History());

        var line = editor.ReadLine("fed=> ");

        Assert.Equal(LineReadKind.Interrupted, line.Kind);
        Assert.Equal(string.Empty, editor.Buffer);
    }

    [Fact]
    public void Ctrl_D_ends_input_on_an_empty_line_and_deletes_otherwise()
    {
        Assert.Equal(LineReadKind.EndOfInput, Read([Ctrl('d')]).Kind);
        Assert.Equal(new LineRead(LineReadKind.Line, "bc"), Read(Text("abc"), [Key(ConsoleKey.Home), Ctrl('d')], [Enter]));
    }

    [Fact]
    public void Typing_at_the_end_echoes_the_character_and_edits_redraw_the_line()
    {
        var screen = new StringWriter();
        var editor = new LineEditor(new ScriptedKeys([Char('a'), Char('b'), Key(ConsoleKey.LeftArrow), Char('X'), Enter]), screen, new History());

        Assert.Equal("aXb", editor.ReadLine("> ").Text);
        Assert.Equal("> ab\r> ab\u001b[K\u001b[1D\r> aXb\u001b[K\u001b[1D\n", screen.ToString());
    }

    [Fact]
    public void A_line_wider_than_the_terminal_scrolls_sideways_to_keep_the_cursor_in_view()
    {
        var screen = new StringWriter();
        var keys = new ScriptedKeys([.. Text("0123456789abcdefghij"), Key(ConsoleKey.Home), Enter]);
        var editor = new LineEditor(keys, screen, new History(), width: () => 20);

        Assert.Equal("0123456789abcdefghij", editor.ReadLine("> ").Text);

        // Up to 17 characters fit after the prompt with room for the cursor; at the end the row shows the line's last 17,
        // and Home brings its first 17 back with the cursor at their start.
        var shown = screen.ToString();
        Assert.StartsWith("> 0123456789abcdefg\r> 123456789abcdefgh\u001b[K\r> 23456789abcdefghi\u001b[K", shown, StringComparison.Ordinal);
        Assert.EndsWith("\r> 3456789abcdefghij\u001b[K\r> 0123456789abcdefg\u001b[K\u001b[17D\n", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void History_keeps_lines_in_its_file_without_blank_lines_or_repeats()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fed-history-test-{Guid.NewGuid():N}");
        try
        {
            var history = new History(path);
            history.Add("SELECT 1;");
            history.Add("SELECT 1;");
            history.Add("   ");
            history.Add("\\dt");

            Assert.Equal(["SELECT 1;", "\\dt"], new History(path).Entries);
            Assert.Equal("SELECT 1;\n\\dt\n", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Keys from a list, as a terminal would send them.</summary>
    private sealed class ScriptedKeys(IEnumerable<ConsoleKeyInfo> keys) : IKeySource
    {
        private readonly Queue<ConsoleKeyInfo> _keys = new(keys);

        public ConsoleKeyInfo ReadKey() => _keys.Count > 0 ? _keys.Dequeue() : throw new InvalidOperationException("the test ran out of keys");
    }
}
