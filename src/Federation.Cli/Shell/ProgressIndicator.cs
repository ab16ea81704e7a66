using System.Globalization;

namespace Federation.Cli.Shell;

/// <summary>
/// "elapsed 3.2 s, 120,000 rows" (or "elapsed 3.2 s" for a statement without rows) on one line of stderr, redrawn a few times a second, for a statement that has run
/// longer than <see cref="Delay"/>; erased when the statement ends. Output to the same terminal goes through
/// <see cref="Hold"/>, which erases the line first and keeps it away while the output is written.
/// </summary>
public sealed class ProgressIndicator : IDisposable
{
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly TextWriter _screen;
    private readonly TimeProvider _clock;
    private readonly long _started;
    private readonly Lock _lock = new();
    private readonly ITimer _timer;
    private readonly bool _countsRows;
    private long _rows;
    private bool _shown;
    private bool _disposed;

    /// <param name="screen">The terminal (stderr).</param>
    /// <param name="countsRows">Show the rows received; a statement without rows shows only the elapsed time.</param>
    /// <param name="clock">The time it shows and redraws by (the system's; a test's own moves only when the test says).</param>
    public ProgressIndicator(TextWriter screen, bool countsRows = true, TimeProvider? clock = null)
    {
        _screen = screen;
        _countsRows = countsRows;
        _clock = clock ?? TimeProvider.System;
        _started = _clock.GetTimestamp();
        _timer = _clock.CreateTimer(_ => Draw(), null, Delay, Interval);
    }

    /// <summary>Rows received so far.</summary>
    public long Rows
    {
        get => Interlocked.Read(ref _rows);
        set => Interlocked.Exchange(ref _rows, value);
    }

    /// <summary>Runs <paramref name="write"/> with the progress line erased and kept off the screen meanwhile.</summary>
    public void Hold(Action write)
    {
        lock (_lock)
        {
            Erase();
            write();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_lock)
        {
            Erase();
            _disposed = true;
        }
    }

    private void Draw()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var elapsed = _clock.GetElapsedTime(_started).TotalSeconds;
            _screen.Write(_countsRows
                ? string.Create(CultureInfo.InvariantCulture, $"\relapsed {elapsed:0.0} s, {Rows:N0} rows\u001b[K")
                : string.Create(CultureInfo.InvariantCulture, $"\relapsed {elapsed:0.0} s\u001b[K"));
            _screen.Flush();
            _shown = true;
        }
    }

    private void Erase()
    {
        if (_shown)
        {
            _screen.Write("\r\u001b[K");
            _screen.Flush();
            _shown = false;
        }
    }
}
