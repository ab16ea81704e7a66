using Federation.Common;
using Federation.Common.Types;
using OrcKind = Federation.Formats.Orc.Protocol.Type.Types.Kind;

namespace Federation.Formats.Orc;

/// <summary>
/// Matches a table's columns to a file's: by name, ignoring case, as Trino and Spectrum do; by position when the
/// table says orc.force.positional.evolution (Hive's switch) or the file's columns are Hive's positional _col0,
/// _col1, ... names and the table's are not. Checks that each file type reads as the table's: integers as any
/// integer wide enough or as decimals and doubles, float as real or double, any string kind as text, decimals as
/// decimals, timestamps as timestamp or timestamptz. A nested column (struct, list, map, union) is refused when it
/// is read, naming it; a table that does not select it reads the file's other columns.
/// </summary>
internal static class OrcColumnBinder
{
    /// <param name="places">Each column's place in the table, which positional matching reads the file column at.</param>
    public static OrcColumnBinding[] Bind(OrcSchema schema, IReadOnlyList<string> names, IReadOnlyList<SqlType> types, IReadOnlyList<int> places, bool positional,
        string table, string path)
    {
        var byPosition = positional || UsesHiveColumnNames(schema, names);
        var bindings = new OrcColumnBinding[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            OrcField? field = null;
            if (byPosition)
            {
                var place = places[i];
                field = place < schema.Fields.Count ? schema.Fields[place] : null;
            }
            else
            {
                foreach (var candidate in schema.Fields)
                {
                    if (string.Equals(candidate.Name, names[i], StringComparison.OrdinalIgnoreCase))
                    {
                        field = candidate;
                        break;
                    }
                }
            }

            if (field is not null)
            {
                Check(schema, field, names[i], types[i], table, path);
            }

            bindings[i] = new OrcColumnBinding(names[i], types[i], field);
        }

        return bindings;
    }

    /// <summary>The file names its columns _col0, _col1, ... (Hive before 2.1) and the table names none of them so.</summary>
    private static bool UsesHiveColumnNames(OrcSchema schema, IReadOnlyList<string> names)
    {
        if (schema.Fields.Count == 0)
        {
            return false;
        }

        foreach (var field in schema.Fields)
        {
            if (!field.Name.StartsWith("_col", StringComparison.Ordinal) || !int.TryParse(field.Name.AsSpan(4), out _))
            {
                return false;
            }
        }

        foreach (var name in names)
        {
            foreach (var field in schema.Fields)
            {
                if (string.Equals(field.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void Check(OrcSchema schema, OrcField field, string name, SqlType target, string table, string path)
    {
        if (!OrcSchema.IsFlat(field.Type))
        {
            throw new FederationException(ErrorCode.NotSupported,
                $"column \"{name}\" of {table} is {schema.Describe(field.Type)} in ORC file {path}: nested ORC columns (struct, array, map, uniontype) cannot be read yet; select the table's other columns");
        }

        var fits = field.Type.Kind switch
        {
            OrcKind.Boolean => target.Kind == TypeKind.Boolean,
            OrcKind.Byte or OrcKind.Short or OrcKind.Int or OrcKind.Long => target.Kind is TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Decimal or TypeKind.Float64,
            OrcKind.Float or OrcKind.Double => target.Kind is TypeKind.Float64 || (target.Kind == TypeKind.Float32 && field.Type.Kind == OrcKind.Float),
            OrcKind.String or OrcKind.Varchar or OrcKind.Char => target.Kind == TypeKind.String,
            OrcKind.Binary => target.Kind is TypeKind.Binary,
            OrcKind.Decimal => target.Kind == TypeKind.Decimal,
            OrcKind.Date => target.Kind == TypeKind.Date,
            OrcKind.Timestamp or OrcKind.TimestampInstant => target.Kind is TypeKind.Timestamp or TypeKind.TimestampTz,
            _ => false,
        };
        if (!fits)
        {
            throw new FederationException(ErrorCode.SchemaMismatch,
                $"column \"{name}\" of {table} is {target} but ORC file {path} holds it as {schema.Describe(field.Type)}, which does not read as {target}");
        }
    }
}
