using Federation.Cli.Shell;

namespace Federation.Cli.Tests;

public sealed class StatementSplitterTests
{
    private static string[] Split(string text) => StatementSplitter.Split(text).Select(s => s.Text).ToArray();

    [Fact]
    public void Semicolons_separate_statements_and_the_last_needs_none()
    {
        Assert.Equal(["SELECT 1", "SELECT 2", "SELECT 3"], Split("SELECT 1; SELECT 2;\nSELECT 3"));
    }

    [Fact]
    public void Semicolons_in_strings_and_quoted_identifiers_do_not_split()
    {
        Assert.Equal(["SELECT 'a;b', 'it''s;' AS \"x;\"\"y\"", "SELECT 2"], Split("SELECT 'a;b', 'it''s;' AS \"x;\"\"y\"; SELECT 2"));
    }

    [Fact]
    public void Backslash_escapes_count_only_in_E_strings()
    {
        Assert.Equal([@"SELECT E'a\';b'", "SELECT 2"], Split(@"SELECT E'a\';b'; SELECT 2"));
        Assert.Equal([@"SELECT 'a\'", "b'"], Split(@"SELECT 'a\'; b'"));
    }

    [Fact]
    public void Semicolons_in_comments_do_not_split()
    {
        Assert.Equal(["SELECT 1 -- one; two\n+ 1", "/* a; /* nested; */ still; */ SELECT 2"],
            Split("SELECT 1 -- one; two\n+ 1; /* a; /* nested; */ still; */ SELECT 2;"));
    }

    [Fact]
    public void Empty_statements_and_comment_only_text_are_dropped()
    {
        Assert.Equal(["SELECT 1"], Split(";;  SELECT 1 ;\n -- trailing comment\n ; /* c */ ;"));
        Assert.Empty(Split("-- nothing here"));
    }

    [Fact]
    public void Unfinished_text_is_kept_for_the_next_line()
    {
        var complete = StatementSplitter.SplitComplete("SELECT 1; SELECT 'open;", out var rest);

        Assert.Equal(["SELECT 1"], complete.Select(s => s.Text));
        Assert.Equal(" SELECT 'open;", "SELECT 1; SELECT 'open;"[rest..]);
    }

    [Fact]
    public void Offsets_point_at_each_statements_first_character()
    {
        var statements = StatementSplitter.Split("SELECT 1;\n\n  SELECT 2");

        Assert.Equal([0, 13], statements.Select(s => s.Offset));
    }

    [Fact]
    public void Blank_means_only_whitespace_and_finished_comments()
    {
        Assert.True(StatementSplitter.IsBlank("  -- comment\n /* block */ \n"));
        Assert.False(StatementSplitter.IsBlank("/* unfinished"));
        Assert.False(StatementSplitter.IsBlank(" x"));
    }

    [Theory]
    [InlineData("select 1", "SELECT")]
    [InlineData("  -- note\n(  WITH x AS (SELECT 1) SELECT * FROM x)", "WITH")]
    [InlineData("/* c */ insert into t values (1)", "INSERT")]
    [InlineData("", "")]
    public void The_first_keyword_skips_comments_and_parentheses(string sql, string keyword)
    {
        Assert.Equal(keyword, StatementSplitter.FirstKeyword(sql));
    }
}
