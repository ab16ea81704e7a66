using Federation.Coordinator.Protocol;
using Google.Protobuf.WellKnownTypes;

namespace Federation.Coordinator.MetadataResults;

/// <summary>Recognises the Flight SQL metadata commands inside a descriptor or ticket.</summary>
internal static class MetadataCommands
{
    /// <summary>The result of the metadata command inside <paramref name="command"/>, or null when it is some other command.</summary>
    public static IMetadataResult? Parse(Any command)
    {
        if (FlightSqlCommand.As<CommandGetSqlInfo>(command) is { } sqlInfo)
        {
            return new SqlInfoResult(sqlInfo);
        }

        if (FlightSqlCommand.As<CommandGetCatalogs>(command) is not null)
        {
            return new CatalogsResult();
        }

        if (FlightSqlCommand.As<CommandGetDbSchemas>(command) is { } dbSchemas)
        {
            return new DbSchemasResult(dbSchemas);
        }

        if (FlightSqlCommand.As<CommandGetTables>(command) is { } tables)
        {
            return new TablesResult(tables);
        }

        if (FlightSqlCommand.As<CommandGetTableTypes>(command) is not null)
        {
            return new TableTypesResult();
        }

        if (FlightSqlCommand.As<CommandGetPrimaryKeys>(command) is not null)
        {
            return new PrimaryKeysResult();
        }

        if (FlightSqlCommand.As<CommandGetExportedKeys>(command) is not null
            || FlightSqlCommand.As<CommandGetImportedKeys>(command) is not null
            || FlightSqlCommand.As<CommandGetCrossReference>(command) is not null)
        {
            return new ForeignKeysResult();
        }

        if (FlightSqlCommand.As<CommandGetXdbcTypeInfo>(command) is { } typeInfo)
        {
            return new XdbcTypeInfoResult(typeInfo);
        }

        return null;
    }
}
