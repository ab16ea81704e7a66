using Federation.Common.Types;
using Federation.Functions;

namespace Federation.Physical.Expressions;

/// <summary>What expressions need besides the batch: the statement clock, the session time zone and bound parameter values.</summary>
public sealed class EvaluationContext
{
    public static readonly EvaluationContext Empty = new(0, []);

    public EvaluationContext(long statementTimestampMicros, IReadOnlyList<ScalarValue> parameters, SessionTimeZone? timeZone = null)
    {
        StatementTimestampMicros = statementTimestampMicros;
        TimeZone = timeZone ?? SessionTimeZone.Utc;
        Parameters = parameters;
    }

    public long StatementTimestampMicros { get; }

    public IReadOnlyList<ScalarValue> Parameters { get; }

    public SessionTimeZone TimeZone { get; }

    public KernelContext Kernel(int rowCount) => new(rowCount, StatementTimestampMicros, TimeZone);

    public static EvaluationContext From(Execution.TaskContext context) =>
        new(context.StatementTimestampMicros, context.Parameters.Select(p => p as ScalarValue ?? ScalarValue.Null).ToArray(), context.Options.TimeZone);
}
