using Federation.Cli.Shell;

namespace Federation.Cli.Tests;

public sealed class ProgressIndicatorTests
{
    [Fact]
    public async Task After_its_delay_it_shows_elapsed_time_and_rows_and_erases_itself_at_the_end()
    {
        var screen = new LockedWriter();
        var progress = new ProgressIndicator(screen) { Rows = 12_345 };

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!screen.Text.Contains("12,345 rows", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        progress.Hold(() => screen.Write("ROWS"));
        progress.Dispose();

        var text = screen.Text;
        Assert.Matches(@"^\relapsed \d+\.\d s, 12,345 rows\u001b\[K", text);
        Assert.Contains("\r\u001b[KROWS", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statement_without_rows_shows_only_the_elapsed_time()
    {
        var screen = new LockedWriter();
        using (new ProgressIndicator(screen, countsRows: false))
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!screen.Text.Contains("elapsed", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }

        Assert.Matches(@"^(\relapsed \d+\.\d s\u001b\[K)+\r\u001b\[K$", screen.Text);
    }

    [Fact]
    public void A_statement_quicker_than_the_delay_leaves_no_trace()
    {
        var screen = new LockedWriter();
        using (new ProgressIndicator(screen))
        {
        }

        Assert.Equal(string.Empty, screen.Text);
    }

    /// <summary>The indicator writes from a timer thread: keep the test's reads consistent.</summary>
    private sealed class LockedWriter : StringWriter
    {
        private readonly Lock _lock = new();

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }
    }
}
