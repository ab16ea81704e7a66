using Federation.Common;
using Federation.Common.Types;
using Federation.Sql.Ast;

namespace Federation.Planner;

/// <summary>Maps type names as written (PostgreSQL and Redshift spellings) to SQL types.</summary>
public static class TypeNames
{
    public static SqlType Resolve(TypeName type)
    {
        var args = type.Arguments;
        SqlType Bad() => throw PlanError.At(type, ErrorCode.InvalidArgument, $"type \"{type}\" does not exist");

        switch (type.Name)
        {
            case "bool" or "boolean":
                return NoArgs(SqlType.Boolean);
            case "int2" or "smallint":
                return NoArgs(SqlType.Int16);
            case "int" or "int4" or "integer":
                return NoArgs(SqlType.Int32);
            case "int8" or "bigint":
                return NoArgs(SqlType.Int64);
            case "real" or "float4":
                return NoArgs(SqlType.Float32);
            case "double precision" or "float8" or "double":
                return NoArgs(SqlType.Float64);
            case "float":
                // PostgreSQL: float(p) with p <= 24 is real, otherwise double.
                return args.Count == 1 && args[0] <= 24 ? SqlType.Float32 : SqlType.Float64;
            case "numeric" or "decimal":
                return args.Count switch
                {
                    0 => SqlType.Decimal(18, 0), // Redshift's default; PostgreSQL's unconstrained numeric has no equivalent here.
                    1 => DecimalType(args[0], 0),
                    2 => DecimalType(args[0], args[1]),
                    _ => Bad(),
                };
            case "varchar" or "character varying" or "nvarchar" or "varchar2":
                return args.Count == 0 ? SqlType.String : args.Count == 1 ? SqlType.Varchar(args[0]) : Bad();
            case "char" or "character" or "bpchar" or "nchar":
                return args.Count == 0 ? SqlType.Char(1) : args.Count == 1 ? SqlType.Char(args[0]) : Bad();
            case "text" or "string":
                return NoArgs(SqlType.String);
            case "varbyte" or "varbinary" or "binary varying" or "bytea" or "binary":
                return SqlType.Binary;
            case "date":
                return NoArgs(SqlType.Date);
            case "timestamp" or "timestamp without time zone" or "datetime":
                return SqlType.Timestamp;
            case "timestamptz" or "timestamp with time zone":
                return SqlType.TimestampTz;
            case "interval":
                return SqlType.Interval;
            default:
                return Bad();
        }

        SqlType NoArgs(SqlType t) => args.Count == 0 ? t : Bad();

        SqlType DecimalType(int precision, int scale)
        {
            try
            {
                return SqlType.Decimal(precision, scale);
            }
            catch (FederationException e)
            {
                throw PlanError.At(type, ErrorCode.InvalidArgument, e.Message);
            }
        }
    }
}
