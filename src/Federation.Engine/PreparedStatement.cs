using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Functions.Kernels;
using Federation.Sql.Ast;

namespace Federation.Engine;

/// <summary>
/// A statement parsed and typed once, to run many times with different $n values (see <see cref="Session.Prepare"/>).
/// Parameter types are inferred from where each parameter appears, as PostgreSQL infers them; values bound later
/// are converted to those types, so every run plans with the same types.
/// </summary>
public sealed class PreparedStatement
{
    internal PreparedStatement(Statement statement, IReadOnlyList<SqlType> parameterTypes, Schema resultSchema, bool returnsRows)
    {
        Statement = statement;
        ParameterTypes = parameterTypes;
        ResultSchema = resultSchema;
        ReturnsRows = returnsRows;
        ParameterSchema = BuildParameterSchema(parameterTypes);
    }

    public Statement Statement { get; }

    /// <summary>The type of $1, $2, ... in order, up to the highest one the statement references.</summary>
    public IReadOnlyList<SqlType> ParameterTypes { get; }

    /// <summary>The columns of the rows the statement answers; no fields for a statement without rows (DDL, DML).</summary>
    public Schema ResultSchema { get; }

    /// <summary>One nullable field per parameter, named $1, $2, ..., of the parameter's type.</summary>
    public Schema ParameterSchema { get; }

    /// <summary>True for queries, EXPLAIN and SHOW; false for statements that only change something.</summary>
    public bool ReturnsRows { get; }

    /// <summary>
    /// The parameter sets of a batch of rows (one column per parameter, as Flight SQL binds them), each converted to
    /// the parameter types. Each row is one run of the statement. Text bound to a timestamptz parameter without an
    /// offset is read in <paramref name="timeZone"/> (the session's; UTC when not given).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<ScalarValue>> BindRows(RecordBatch batch, SessionTimeZone? timeZone = null)
    {
        CheckArity(batch.ColumnCount);
        var columns = new IArrowArray[batch.ColumnCount];
        for (var c = 0; c < columns.Length; c++)
        {
            var arrowType = batch.Schema.GetFieldByIndex(c).DataType;
            var from = ArrowTypes.FromArrow(arrowType)
                ?? throw new FederationException(ErrorCode.InvalidArgument,
                    $"parameter ${c + 1} is bound with Arrow type {arrowType.Name}, which cannot be converted to {ParameterTypes[c]}");
            columns[c] = Convert(ArrowNormalizer.Normalize(batch.Column(c)), from, c, timeZone ?? SessionTimeZone.Utc);
        }

        var rows = new IReadOnlyList<ScalarValue>[batch.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            var row = new ScalarValue[columns.Length];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = ArrayFactory.GetScalar(columns[c], r, ParameterTypes[c]);
            }

            rows[r] = row;
        }

        return rows;
    }

    private void CheckArity(int given)
    {
        if (given != ParameterTypes.Count)
        {
            throw new FederationException(ErrorCode.InvalidArgument,
                $"the prepared statement has {ParameterTypes.Count} parameter(s) but {given} value(s) were bound");
        }
    }

    private IArrowArray Convert(IArrowArray column, SqlType from, int index, SessionTimeZone timeZone)
    {
        var to = ParameterTypes[index];
        if (from.Kind != TypeKind.Null && !CastRules.CanCast(from, to))
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"parameter ${index + 1} is of type {to}, and a {from} value cannot be converted to it");
        }

        try
        {
            return CastKernel.Cast(column, from, to, timeZone);
        }
        catch (FederationException e)
        {
            // The cast's own message names the value; the parameter's number says where it came from.
            throw new FederationException(ErrorCode.InvalidArgument, $"parameter ${index + 1}: {e.Message}", e);
        }
    }

    private static Schema BuildParameterSchema(IReadOnlyList<SqlType> types)
    {
        var builder = new Schema.Builder();
        for (var i = 0; i < types.Count; i++)
        {
            builder.Field(ArrowTypes.Field("$" + (i + 1), types[i]));
        }

        return builder.Build();
    }
}
