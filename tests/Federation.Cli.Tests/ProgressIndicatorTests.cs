using Federation.Cli.Shell;
using Microsoft.Extensions.Time.Testing;

namespace Federation.Cli.Tests;

/// <summary>The progress line, on a clock the test moves: what it shows at each moment is exact, and nothing happens between.</summary>
public sealed class ProgressIndicatorTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void After_its_delay_it_shows_elapsed_time_and_rows_and_erases_itself_at_the_end()
    {
        var clock = new FakeTimeProvider();
        var screen = new LockedWriter();
        var progress = new ProgressIndicator(screen, clock: clock) { Rows = 12_345 };

        clock.Advance(ProgressIndicator.Delay - Tick);
        Assert.Equal(string.Empty, screen.Text);
        clock.Advance(Tick);
        Assert.Equal("\relapsed 0.5 s, 12,345 rows\u001b[K", screen.Text);

        // Redrawn every 200 ms with the rows received meanwhile.
        progress.Rows = 20_000;
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal("\relapsed 0.5 s, 12,345 rows\u001b[K\relapsed 0.7 s, 20,000 rows\u001b[K", screen.Text);

        // Output goes through Hold, which erases the line first; at the end nothing is drawn again.
        progress.Hold(() => screen.Write("ROWS"));
        progress.Dispose();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("\relapsed 0.5 s, 12,345 rows\u001b[K\relapsed 0.7 s, 20,000 rows\u001b[K\r\u001b[KROWS", screen.Text);
    }

    [Fact]
    public void A_statement_without_rows_shows_only_the_elapsed_time()
    {
        var clock = new FakeTimeProvider();
        var screen = new LockedWriter();
        using (new ProgressIndicator(screen, countsRows: false, clock: clock))
        {
            clock.Advance(ProgressIndicator.Delay);
            for (var i = 0; i < 5; i++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(200));
            }
        }

        // Drawn at 0.5 s and every 200 ms after, then erased.
        Assert.Equal(string.Concat(new[] { "0.5", "0.7", "0.9", "1.1", "1.3", "1.5" }.Select(s => $"\relapsed {s} s\u001b[K")) + "\r\u001b[K", screen.Text);
    }

    [Fact]
    public void A_statement_quicker_than_the_delay_leaves_no_trace()
    {
        var clock = new FakeTimeProvider();
        var screen = new LockedWriter();
        using (new ProgressIndicator(screen, clock: clock))
        {
            clock.Advance(ProgressIndicator.Delay - Tick);
        }

        clock.Advance(TimeSpan.FromSeconds(1));
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
