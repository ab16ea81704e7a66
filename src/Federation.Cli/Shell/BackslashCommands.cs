using Apache.Arrow;
using Federation.Client;
using Grpc.Core;

namespace Federation.Cli.Shell;

/// <summary>
/// The shell's own commands, psql's names: \? \q \dn \dt \d \timing \format. Catalog listings are Flight SQL's
/// GetDbSchemas and GetTables, so they work against any server that answers those; psql's * and ? wildcards become
/// the protocol's % and _.
/// </summary>
public static class BackslashCommands
{
    public const string Help = """
        General
          \?                    show this help
          \q                    quit (Ctrl-D at an empty prompt does the same)
        Catalog
          \dn [PATTERN]         list schemas
          \dt [PATTERN]         list tables ([SCHEMA.]TABLE; * and ? are wildcards)
          \d NAME               describe a table's columns
        Output
          \format [table|csv|json]  show or set the result format
          \timing [on|off]      toggle or set printing each statement's time
        SQL ends at a semicolon outside quotes and comments; Ctrl-C cancels a running statement,
        or clears the line at the prompt.

        """;

    /// <summary>Runs one backslash command line. False when it failed (an unknown command, a server error).</summary>
    public static async Task<bool> RunAsync(ShellSession session, string line, CancellationToken cancellationToken)
    {
        var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var command = parts[0];
        var argument = parts.Length > 1 ? parts[1] : null;
        try
        {
            switch (command)
            {
                case "\\?":
                    await session.Info.WriteAsync(Help).ConfigureAwait(false);
                    return true;
                case "\\q":
                    session.QuitRequested = true;
                    return true;
                case "\\timing":
                    return await TimingAsync(session, argument).ConfigureAwait(false);
                case "\\format":
                    return await FormatAsync(session, argument).ConfigureAwait(false);
                case "\\dn":
                    await session.PrintAsync(await session.Client.GetDbSchemasAsync(schemaPattern: Pattern(argument), cancellationToken: cancellationToken)
                        .ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                    return true;
                case "\\dt":
                    await ListTablesAsync(session, argument, cancellationToken).ConfigureAwait(false);
                    return true;
                case "\\d":
                    if (argument is null)
                    {
                        await ListTablesAsync(session, null, cancellationToken).ConfigureAwait(false);
                        return true;
                    }

                    return await DescribeAsync(session, argument, cancellationToken).ConfigureAwait(false);
                default:
                    await session.ReportAsync($"invalid command {command}; try \\? for help", session.LineNumber).ConfigureAwait(false);
                    return false;
            }
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is RpcException or OperationCanceledException)
        {
            await session.ReportAsync("cancelled", session.LineNumber).ConfigureAwait(false);
            return false;
        }
        catch (Exception e) when (e is RpcException or FlightSqlConnectionException or NotSupportedException or InvalidDataException)
        {
            await session.ReportAsync(ShellSession.Describe(e, session.Client.Options), session.LineNumber).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>psql's wildcards (* any text, ? one character) as a Flight SQL pattern (% and _); null stays null.</summary>
    public static string? Pattern(string? text) => text?.Replace('*', '%').Replace('?', '_');

    private static async Task ListTablesAsync(ShellSession session, string? argument, CancellationToken cancellationToken)
    {
        var (schema, table) = SplitName(argument);
        var result = await session.Client.GetTablesAsync(schemaPattern: Pattern(schema), tablePattern: Pattern(table), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        await session.PrintAsync(result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The columns of one table, from GetTables with include_schema. Against a server without GetTables it falls back to
    /// the result schema of SELECT * FROM the name (GetSchema, which plans without running).
    /// </summary>
    private static async Task<bool> DescribeAsync(ShellSession session, string name, CancellationToken cancellationToken)
    {
        Schema? columns;
        try
        {
            columns = await FindTableSchemaAsync(session.Client, name, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            columns = await session.Client.GetQuerySchemaAsync("SELECT * FROM " + name, cancellationToken).ConfigureAwait(false);
        }

        if (columns is null)
        {
            await session.ReportAsync($"did not find any table named \"{name}\"", session.LineNumber).ConfigureAwait(false);
            return false;
        }

        var names = new StringArray.Builder();
        var types = new StringArray.Builder();
        var nullable = new StringArray.Builder();
        foreach (var field in columns.FieldsList)
        {
            names.Append(field.Name);
            types.Append(ArrowTypeNames.Of(field));
            nullable.Append(field.IsNullable ? string.Empty : "not null");
        }

        var schema = new Schema.Builder()
            .Field(new Field("Column", Apache.Arrow.Types.StringType.Default, nullable: false))
            .Field(new Field("Type", Apache.Arrow.Types.StringType.Default, nullable: false))
            .Field(new Field("Nullable", Apache.Arrow.Types.StringType.Default, nullable: false))
            .Build();
        session.PrintRows(new RecordBatch(schema, [names.Build(), types.Build(), nullable.Build()], columns.FieldsList.Count));
        await session.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The table_schema of the table called <paramref name="name"/> ([schema.]table), or null when there is none.</summary>
    private static async Task<Schema?> FindTableSchemaAsync(FlightSqlClient client, string name, CancellationToken cancellationToken)
    {
        var (schemaName, tableName) = SplitName(name);
        var result = await client.GetTablesAsync(schemaPattern: schemaName, tablePattern: tableName, includeSchema: true, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        Schema? caseInsensitiveMatch = null;
        foreach (var batch in await result.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var tables = (StringArray)batch.Column("table_name");
            var serialized = (BinaryArray)batch.Column("table_schema");
            for (var row = 0; row < batch.Length; row++)
            {
                // The name is a pattern to the server ('_' matches any character): keep only the table itself.
                var found = tables.GetString(row);
                if (string.Equals(found, tableName, StringComparison.Ordinal))
                {
                    return FlightSqlClient.DeserializeSchema(serialized.GetBytes(row).ToArray());
                }

                if (caseInsensitiveMatch is null && string.Equals(found, tableName, StringComparison.OrdinalIgnoreCase))
                {
                    caseInsensitiveMatch = FlightSqlClient.DeserializeSchema(serialized.GetBytes(row).ToArray());
                }
            }
        }

        return caseInsensitiveMatch;
    }

    /// <summary>"schema.table" as its two parts; a name without a dot is a table in any schema.</summary>
    private static (string? Schema, string? Table) SplitName(string? name)
    {
        if (name is null)
        {
            return (null, null);
        }

        var dot = name.LastIndexOf('.');
        return dot < 0 ? (null, name) : (name[..dot], name[(dot + 1)..]);
    }

    private static async Task<bool> TimingAsync(ShellSession session, string? argument)
    {
        switch (argument?.ToLowerInvariant())
        {
            case null:
                session.Timing = !session.Timing;
                break;
            case "on":
                session.Timing = true;
                break;
            case "off":
                session.Timing = false;
                break;
            default:
                await session.ReportAsync($"\\timing takes on or off, not {argument}", session.LineNumber).ConfigureAwait(false);
                return false;
        }

        await session.Info.WriteLineAsync(session.Timing ? "Timing is on." : "Timing is off.").ConfigureAwait(false);
        return true;
    }

    private static async Task<bool> FormatAsync(ShellSession session, string? argument)
    {
        if (argument is not null)
        {
            if (!TryParseFormat(argument, out var format))
            {
                await session.ReportAsync($"\\format takes table, csv or json, not {argument}", session.LineNumber).ConfigureAwait(false);
                return false;
            }

            session.Format = format;
        }

        await session.Info.WriteLineAsync("Output format is " + session.Format.ToString().ToLowerInvariant() + ".").ConfigureAwait(false);
        return true;
    }

    public static bool TryParseFormat(string text, out ResultFormat format)
    {
        switch (text.ToLowerInvariant())
        {
            case "table":
                format = ResultFormat.Table;
                return true;
            case "csv":
                format = ResultFormat.Csv;
                return true;
            case "json":
                format = ResultFormat.Json;
                return true;
            default:
                format = ResultFormat.Table;
                return false;
        }
    }
}
