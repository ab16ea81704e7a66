using Federation.Common;
using Federation.Common.Types;
using Federation.Engine;
using Federation.SqlLogic;

namespace Federation.Fuzz.Tests;

/// <summary>
/// Runs one statement on the fuzzed session under a deadline. The statement gets a cancellation token that fires at the
/// deadline, and the wait for it is bounded too (in case it ignores the token), so a hang fails as a hang naming its
/// SQL. Crashes (any exception but FederationException) and errors of category Internal are problems; other errors
/// are answers (division by zero, overflow, invalid casts are the user's fault).
/// </summary>
public sealed class FederationExecutor
{
    private readonly Session _session;
    private readonly TimeSpan _timeout;

    public FederationExecutor(Session session, TimeSpan timeout)
    {
        _session = session;
        _timeout = timeout;
    }

    public int Statements { get; private set; }

    public async Task<QueryAnswer> RunAsync(string sql)
    {
        Statements++;
        using var deadline = new CancellationTokenSource(_timeout);
        var work = Task.Run(() => RunCoreAsync(sql, deadline.Token), CancellationToken.None);
        try
        {
            // The token should end the statement; the extra time lets it unwind before the wait itself gives up.
            return await work.WaitAsync(_timeout * 2).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new FuzzProblem($"hang: no answer {_timeout.TotalSeconds * 2:0} s after the start, {_timeout.TotalSeconds:0} s after cancelling\n{sql}");
        }
        catch (FederationException e) when (e.Code == ErrorCode.QueryCancelled && deadline.IsCancellationRequested)
        {
            throw new FuzzProblem($"hang: still running after {_timeout.TotalSeconds:0} s (cancelled)\n{sql}");
        }
        catch (FederationException e) when (e.Category == ErrorCategory.Internal)
        {
            throw new FuzzProblem($"internal error: {e.Message}\n{sql}\n{e.InnerException}", e);
        }
        catch (FederationException e)
        {
            return QueryAnswer.Of(e.Message, e.Code.ToString());
        }
        catch (Exception e) when (e is not FuzzProblem)
        {
            throw new FuzzProblem($"crash: {e.GetType().Name}: {e.Message}\n{sql}\n{e}", e);
        }
    }

    private async Task<QueryAnswer> RunCoreAsync(string sql, CancellationToken cancellationToken)
    {
        var result = await _session.ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
        var batches = await result.CollectAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<string?[]>();
        foreach (var batch in batches)
        {
            if (batch.ColumnCount != result.ColumnTypes.Count)
            {
                throw new FuzzProblem($"a batch has {batch.ColumnCount} columns, the result declares {result.ColumnTypes.Count}\n{sql}");
            }

            for (var r = 0; r < batch.Length; r++)
            {
                var row = new string?[batch.ColumnCount];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = Render(batch.Column(c), r, result.ColumnTypes[c]);
                }

                rows.Add(row);
            }
        }

        return QueryAnswer.Of(rows);
    }

    /// <summary>The .slt rendering, with NULL as null, the empty string as itself and -0 as 0 (equal to it, and either may win a MIN).</summary>
    private static string? Render(Apache.Arrow.IArrowArray array, int row, SqlType type)
    {
        if (array.IsNull(row))
        {
            return null;
        }

        var text = SltValueFormatter.Format(array, row, type);
        return type.Kind switch
        {
            TypeKind.String when text == "(empty)" => string.Empty,
            TypeKind.Float32 or TypeKind.Float64 when text == "-0" => "0",
            _ => text,
        };
    }
}
