namespace Federation.Testing;

/// <summary>
/// Waits for a condition that nothing signals (a pool's snapshot, the process table) by looking again every few
/// milliseconds. The patience only bounds a wait for something that must happen: it is far above how long it takes
/// on a loaded machine, so running out of it means the thing did not happen, never that it was slow.
/// </summary>
public static class Eventually
{
    /// <summary>How long a test waits for what must happen before it says it did not.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>Returns once <paramref name="condition"/> holds; throws naming <paramref name="what"/> (and what it saw) if it never does.</summary>
    public static async Task UntilAsync(Func<bool> condition, Func<string> what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"never happened: {what()}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary><paramref name="task"/>'s completion, awaited with the patience: a task that never completes fails the test naming <paramref name="what"/>.</summary>
    public static async Task CompletesAsync(Task task, string what, TimeSpan? patience = null)
    {
        if (await Task.WhenAny(task, Task.Delay(patience ?? Patience)) != task)
        {
            throw new TimeoutException($"never happened: {what}");
        }

        await task;
    }
}
