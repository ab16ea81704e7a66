using System.Globalization;
using Federation.Sql.Ast;
using Federation.Sql.Lexing;

namespace Federation.Sql.Parsing;

// Redshift Spectrum's external-table DDL: CREATE EXTERNAL SCHEMA, DROP SCHEMA, CREATE EXTERNAL TABLE, the partition,
// location and property forms of ALTER TABLE, and MSCK REPAIR TABLE / ALTER TABLE ... RECOVER PARTITIONS.
// Every word these statements add is an unreserved keyword, so LOCATION, FORMAT, PARTITION and the like still
// work as column and table names.
public sealed partial class SqlParser
{
    /// <summary>How many partitions one ALTER TABLE ... ADD or DROP PARTITION may name: Spectrum's limit.</summary>
    public const int MaxPartitionsPerStatement = 100;

    private const string QueryAsExternalTableNotSupported = "CREATE EXTERNAL TABLE ... AS SELECT is not supported yet";

    /// <summary>[IF NOT EXISTS]</summary>
    private bool ParseIfNotExists()
    {
        if (!TryConsume(Keyword.If))
        {
            return false;
        }

        Expect(Keyword.Not);
        Expect(Keyword.Exists);
        return true;
    }

    /// <summary>[IF EXISTS]</summary>
    private bool ParseIfExists()
    {
        if (!TryConsume(Keyword.If))
        {
            return false;
        }

        Expect(Keyword.Exists);
        return true;
    }

    /// <summary>A string literal; <paramref name="what"/> names it in the error ("the table's location").</summary>
    private StringLiteral ParseStringLiteral(string what)
    {
        if (!At(TokenKind.String))
        {
            throw Unexpected($"expected {what} as a string literal");
        }

        Token token = Advance();
        return new StringLiteral(token.Value) { Position = token.Position };
    }

    private bool AtStatementEnd() => At(TokenKind.Semicolon) || At(TokenKind.EndOfInput);

    // ---------------------------------------------------------------------------------------------
    // CREATE EXTERNAL SCHEMA

    /// <summary>The clauses of CREATE EXTERNAL SCHEMA after FROM, in the order error messages list them.</summary>
    private enum SchemaClause
    {
        Database,
        Region,
        Uri,
        Port,
        IamRole,
        CatalogRole,
        CatalogId,
        CreateExternalDatabase,
    }

    private static string ClauseText(SchemaClause clause) => clause switch
    {
        SchemaClause.Database => "DATABASE",
        SchemaClause.Region => "REGION",
        SchemaClause.Uri => "URI",
        SchemaClause.Port => "PORT",
        SchemaClause.IamRole => "IAM_ROLE",
        SchemaClause.CatalogRole => "CATALOG_ROLE",
        SchemaClause.CatalogId => "CATALOG_ID",
        _ => "CREATE EXTERNAL DATABASE",
    };

    private static string CatalogText(ExternalCatalogKind catalog) =>
        catalog == ExternalCatalogKind.DataCatalog ? "FROM DATA CATALOG" : "FROM HIVE METASTORE";

    /// <summary>Which clauses each catalog takes: a Hive metastore has no region or catalog role, a data catalog no URI.</summary>
    private static bool Applies(SchemaClause clause, ExternalCatalogKind catalog) => clause switch
    {
        SchemaClause.Region or SchemaClause.CatalogRole or SchemaClause.CatalogId or SchemaClause.CreateExternalDatabase => catalog == ExternalCatalogKind.DataCatalog,
        SchemaClause.Uri or SchemaClause.Port => catalog == ExternalCatalogKind.HiveMetastore,
        _ => true,
    };

    /// <summary>The clause the current token starts, if any.</summary>
    private SchemaClause? CurrentSchemaClause() => Current.Keyword switch
    {
        Keyword.Database => SchemaClause.Database,
        Keyword.Region => SchemaClause.Region,
        Keyword.Uri => SchemaClause.Uri,
        Keyword.Port => SchemaClause.Port,
        Keyword.IamRole => SchemaClause.IamRole,
        Keyword.CatalogRole => SchemaClause.CatalogRole,
        Keyword.CatalogId => SchemaClause.CatalogId,
        Keyword.Create when Peek(1).Is(Keyword.External) => SchemaClause.CreateExternalDatabase,
        _ => null,
    };

    /// <summary>
    /// CREATE EXTERNAL SCHEMA [IF NOT EXISTS] name FROM DATA CATALOG | HIVE METASTORE, then its clauses in any order
    /// (as Redshift accepts them), each at most once and each only with the catalog it applies to.
    /// </summary>
    private CreateExternalSchemaStatement ParseCreateExternalSchema()
    {
        Token create = Advance();
        Expect(Keyword.External);
        Expect(Keyword.Schema);
        bool ifNotExists = ParseIfNotExists();
        Identifier name = ParseName("a schema name");
        Expect(Keyword.From);

        ExternalCatalogKind catalog;
        if (TryConsume(Keyword.Data))
        {
            Expect(Keyword.Catalog);
            catalog = ExternalCatalogKind.DataCatalog;
        }
        else if (TryConsume(Keyword.Hive))
        {
            Expect(Keyword.Metastore);
            catalog = ExternalCatalogKind.HiveMetastore;
        }
        else
        {
            throw Unexpected("expected DATA CATALOG or HIVE METASTORE");
        }

        var seen = new HashSet<SchemaClause>();
        StringLiteral? database = null;
        StringLiteral? region = null;
        StringLiteral? uri = null;
        int? port = null;
        ExternalRole? iamRole = null;
        ExternalRole? catalogRole = null;
        StringLiteral? catalogId = null;
        bool createDatabase = false;
        while (CurrentSchemaClause() is { } clause)
        {
            Token clauseToken = Current;
            if (!Applies(clause, catalog))
            {
                throw SyntaxError(clauseToken, $"{ClauseText(clause)} does not apply to {CatalogText(catalog)}");
            }

            if (!seen.Add(clause))
            {
                throw SyntaxError(clauseToken, $"{ClauseText(clause)} is specified more than once");
            }

            Advance();
            switch (clause)
            {
                case SchemaClause.Database:
                    database = ParseStringLiteral("the catalog's database name");
                    break;
                case SchemaClause.Region:
                    region = ParseStringLiteral("a region");
                    break;
                case SchemaClause.Uri:
                    uri = ParseStringLiteral("the metastore's host");
                    break;
                case SchemaClause.Port:
                    port = ParsePortNumber();
                    break;
                case SchemaClause.IamRole:
                    iamRole = ParseExternalRole();
                    break;
                case SchemaClause.CatalogRole:
                    catalogRole = ParseExternalRole();
                    break;
                case SchemaClause.CatalogId:
                    catalogId = ParseStringLiteral("an AWS account id");
                    break;
                case SchemaClause.CreateExternalDatabase:
                    Expect(Keyword.External);
                    Expect(Keyword.Database);
                    Expect(Keyword.If);
                    Expect(Keyword.Not);
                    Expect(Keyword.Exists);
                    createDatabase = true;
                    break;
            }
        }

        if (!AtStatementEnd())
        {
            string[] open = Enum.GetValues<SchemaClause>()
                .Where(c => Applies(c, catalog) && !seen.Contains(c))
                .Select(ClauseText)
                .ToArray();
            throw Unexpected(open.Length == 0 ? null : "expected " + OneOf(open));
        }

        if (database is null)
        {
            throw Unexpected($"{CatalogText(catalog)} needs DATABASE 'name'");
        }

        if (catalog == ExternalCatalogKind.HiveMetastore && uri is null)
        {
            throw Unexpected("FROM HIVE METASTORE needs URI 'host'");
        }

        return new CreateExternalSchemaStatement(name, ifNotExists, catalog, database)
        {
            Position = create.Position,
            Region = region,
            Uri = uri,
            Port = port,
            IamRole = iamRole,
            CatalogRole = catalogRole,
            CatalogId = catalogId,
            CreateExternalDatabase = createDatabase,
        };
    }

    /// <summary>"A, B or C".</summary>
    private static string OneOf(IReadOnlyList<string> choices) =>
        choices.Count == 1 ? choices[0] : string.Join(", ", choices.Take(choices.Count - 1)) + " or " + choices[^1];

    private int ParsePortNumber()
    {
        Token number = Current;
        if (number.Kind != TokenKind.Number
            || !int.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            || port is < 1 or > 65535)
        {
            throw Unexpected("expected a port number from 1 to 65535");
        }

        Advance();
        return port;
    }

    /// <summary>DEFAULT or 'arn' after IAM_ROLE and CATALOG_ROLE.</summary>
    private ExternalRole ParseExternalRole()
    {
        Token start = Current;
        if (TryConsume(Keyword.Default))
        {
            return new ExternalRole(null) { Position = start.Position };
        }

        if (!At(TokenKind.String))
        {
            throw Unexpected("expected DEFAULT or a role ARN as a string literal");
        }

        return new ExternalRole(ParseStringLiteral("a role ARN")) { Position = start.Position };
    }

    // ---------------------------------------------------------------------------------------------
    // DROP SCHEMA

    /// <summary>DROP SCHEMA [IF EXISTS] name [, ...] [DROP EXTERNAL DATABASE] [CASCADE | RESTRICT].</summary>
    private DropSchemaStatement ParseDropSchema()
    {
        Token drop = Advance();
        Expect(Keyword.Schema);
        bool ifExists = ParseIfExists();
        var names = new List<Identifier>();
        do
        {
            names.Add(ParseName("a schema name"));
        }
        while (TryConsume(TokenKind.Comma));

        bool dropDatabase = false;
        if (TryConsume(Keyword.Drop))
        {
            Expect(Keyword.External);
            Expect(Keyword.Database);
            dropDatabase = true;
        }

        bool cascade = TryConsume(Keyword.Cascade);
        if (!cascade)
        {
            TryConsume(Keyword.Restrict);
        }

        return new DropSchemaStatement(names, ifExists, dropDatabase, cascade) { Position = drop.Position };
    }

    // ---------------------------------------------------------------------------------------------
    // CREATE EXTERNAL TABLE

    /// <summary>
    /// CREATE EXTERNAL TABLE [IF NOT EXISTS] schema.table (column type, ...) [PARTITIONED BY (column type, ...)]
    /// [ROW FORMAT DELIMITED ... | ROW FORMAT SERDE ...] STORED AS format LOCATION 'url' [TABLE PROPERTIES (...)],
    /// clauses in that order, as Redshift has them.
    /// </summary>
    private CreateExternalTableStatement ParseCreateExternalTable()
    {
        Token create = Advance();
        Expect(Keyword.External);
        if (!TryConsume(Keyword.Table))
        {
            throw Unexpected("expected SCHEMA or TABLE");
        }

        RejectQueryAsExternalTable();
        bool ifNotExists = ParseIfNotExists();
        Token nameStart = Current;
        ObjectName name = ParseObjectName("a table name");
        if (name.Parts.Count < 2)
        {
            throw SyntaxError(nameStart, "external tables are always named with their schema, as schema.table");
        }

        List<ColumnDefinition> columns = ParseExternalColumns();
        List<ColumnDefinition> partitionColumns = [];
        if (TryConsume(Keyword.Partitioned))
        {
            Expect(Keyword.By);
            partitionColumns = ParseExternalColumns();
        }

        RowFormat? rowFormat = At(Keyword.Row) ? ParseRowFormat() : null;
        if (!At(Keyword.Stored))
        {
            throw Unexpected(rowFormat is null && partitionColumns.Count == 0
                ? "expected PARTITIONED BY, ROW FORMAT or STORED AS"
                : rowFormat is null ? "expected ROW FORMAT or STORED AS" : "expected STORED AS");
        }

        Advance();
        Expect(Keyword.As);
        StorageFormat storedAs = ParseStorageFormat();
        Expect(Keyword.Location);
        StringLiteral location = ParseStringLiteral("the table's location");

        List<KeyValueProperty> properties = [];
        if (TryConsume(Keyword.Table))
        {
            Expect(Keyword.Properties);
            properties = ParseKeyValueProperties();
        }

        return new CreateExternalTableStatement(name, ifNotExists, columns, partitionColumns, rowFormat, storedAs, location, properties)
        {
            Position = create.Position,
        };
    }

    /// <summary>
    /// CREATE EXTERNAL TABLE ... AS query is a different statement (it writes files), and its table has no column
    /// list: look for "AS query" up front so it gets its own message rather than "expected (".
    /// </summary>
    private void RejectQueryAsExternalTable()
    {
        int depth = 0;
        for (int i = _index; i < _tokens.Count; i++)
        {
            Token token = _tokens[i];
            switch (token.Kind)
            {
                case TokenKind.Semicolon or TokenKind.EndOfInput:
                    return;
                case TokenKind.LeftParen:
                    depth++;
                    break;
                case TokenKind.RightParen:
                    depth--;
                    break;
                case TokenKind.Word when depth == 0 && token.Is(Keyword.As):
                    // STORED AS is followed by a format name; only a query starts with these.
                    Token next = _tokens[i + 1];
                    if (next.Kind == TokenKind.LeftParen || next.Keyword is Keyword.Select or Keyword.With or Keyword.Values)
                    {
                        throw SyntaxError(token, QueryAsExternalTableNotSupported);
                    }

                    break;
            }
        }
    }

    /// <summary>(column type, ...): names and types only, since external columns take no constraints or defaults.</summary>
    private List<ColumnDefinition> ParseExternalColumns()
    {
        Expect(TokenKind.LeftParen);
        var columns = new List<ColumnDefinition>();
        do
        {
            Identifier name = ParseName("a column name");
            if (Current.Kind == TokenKind.Word && Current.Value is "array" or "struct" or "map" && Peek(1).Kind == TokenKind.Less)
            {
                throw Unexpected("nested types (array, struct, map) are not supported yet");
            }

            TypeName type = ParseTypeName();
            columns.Add(new ColumnDefinition(name, type, NotNull: false) { Position = name.Position });
        }
        while (TryConsume(TokenKind.Comma));

        if (!At(TokenKind.RightParen))
        {
            throw Unexpected("expected \",\" or \")\"");
        }

        Advance();
        return columns;
    }

    /// <summary>
    /// ROW FORMAT DELIMITED [FIELDS TERMINATED BY 'c' [ESCAPED BY 'c']] [COLLECTION ITEMS TERMINATED BY 'c']
    /// [MAP KEYS TERMINATED BY 'c'] [LINES TERMINATED BY 'c'] [NULL DEFINED AS 's'] (Hive's order) |
    /// ROW FORMAT SERDE 'class' [WITH SERDEPROPERTIES (...)].
    /// </summary>
    private RowFormat ParseRowFormat()
    {
        Token row = Advance();
        Expect(Keyword.Format);
        if (TryConsume(Keyword.Delimited))
        {
            StringLiteral? fields = null;
            StringLiteral? escape = null;
            StringLiteral? items = null;
            StringLiteral? mapKeys = null;
            StringLiteral? lines = null;
            StringLiteral? nullText = null;
            if (TryConsume(Keyword.Fields))
            {
                fields = ParseTerminatedBy("the field delimiter");
                if (TryConsume(Keyword.Escaped))
                {
                    Expect(Keyword.By);
                    escape = ParseStringLiteral("the escape character");
                }
            }

            if (TryConsume(Keyword.Collection))
            {
                Expect(Keyword.Items);
                items = ParseTerminatedBy("the collection item delimiter");
            }

            if (TryConsume(Keyword.Map))
            {
                Expect(Keyword.Keys);
                mapKeys = ParseTerminatedBy("the map key delimiter");
            }

            if (TryConsume(Keyword.Lines))
            {
                lines = ParseTerminatedBy("the line terminator");
            }

            if (TryConsume(Keyword.Null))
            {
                Expect(Keyword.Defined);
                Expect(Keyword.As);
                nullText = ParseStringLiteral("the text that stands for NULL");
            }

            return new DelimitedRowFormat(fields, escape, items, mapKeys, lines, nullText) { Position = row.Position };
        }

        if (TryConsume(Keyword.Serde))
        {
            StringLiteral serde = ParseStringLiteral("the SerDe class name");
            List<KeyValueProperty> properties = [];
            if (TryConsume(Keyword.With))
            {
                Expect(Keyword.Serdeproperties);
                properties = ParseKeyValueProperties();
            }

            return new SerdeRowFormat(serde, properties) { Position = row.Position };
        }

        throw Unexpected("expected DELIMITED or SERDE");
    }

    /// <summary>TERMINATED BY 'c', after the clause's leading words.</summary>
    private StringLiteral ParseTerminatedBy(string what)
    {
        Expect(Keyword.Terminated);
        Expect(Keyword.By);
        return ParseStringLiteral(what);
    }

    /// <summary>The format after STORED AS.</summary>
    private StorageFormat ParseStorageFormat()
    {
        Token start = Current;
        StorageFormatKind? kind = start.Keyword switch
        {
            Keyword.Parquet => StorageFormatKind.Parquet,
            Keyword.Orc => StorageFormatKind.Orc,
            Keyword.Textfile => StorageFormatKind.TextFile,
            Keyword.Avro => StorageFormatKind.Avro,
            Keyword.Json => StorageFormatKind.Json,
            Keyword.Sequencefile => StorageFormatKind.SequenceFile,
            Keyword.Rcfile => StorageFormatKind.RcFile,
            _ => null,
        };
        if (kind is { } named)
        {
            Advance();
            return new StorageFormat(named, null, null) { Position = start.Position };
        }

        if (!TryConsume(Keyword.Inputformat))
        {
            throw Unexpected("expected PARQUET, ORC, TEXTFILE, AVRO, JSON, SEQUENCEFILE, RCFILE or INPUTFORMAT");
        }

        StringLiteral input = ParseStringLiteral("the input format class name");
        Expect(Keyword.Outputformat);
        StringLiteral output = ParseStringLiteral("the output format class name");
        return new StorageFormat(StorageFormatKind.InputOutputFormat, input, output) { Position = start.Position };
    }

    /// <summary>('key' = 'value', ...) of TABLE PROPERTIES and WITH SERDEPROPERTIES.</summary>
    private List<KeyValueProperty> ParseKeyValueProperties()
    {
        Expect(TokenKind.LeftParen);
        var properties = new List<KeyValueProperty>();
        do
        {
            StringLiteral key = ParseStringLiteral("a property name");
            Expect(TokenKind.Equal);
            StringLiteral value = ParseStringLiteral("the property's value");
            properties.Add(new KeyValueProperty(key, value) { Position = key.Position });
        }
        while (TryConsume(TokenKind.Comma));

        Expect(TokenKind.RightParen);
        return properties;
    }

    // ---------------------------------------------------------------------------------------------
    // ALTER TABLE and MSCK REPAIR TABLE

    /// <summary>
    /// ALTER TABLE name, then ADD [IF NOT EXISTS] PARTITION (...) LOCATION 'url' [...], DROP [IF EXISTS] PARTITION (...) [, ...],
    /// PARTITION (...) SET LOCATION 'url', SET LOCATION 'url', SET TABLE PROPERTIES (...) or RECOVER PARTITIONS.
    /// </summary>
    private Statement ParseAlterTable()
    {
        Token alter = Advance();
        Expect(Keyword.Table);
        ObjectName table = ParseObjectName("a table name");
        switch (Current.Keyword)
        {
            case Keyword.Add:
            {
                Advance();
                bool ifNotExists = ParseIfNotExists();
                if (!At(Keyword.Partition))
                {
                    throw Unexpected("expected PARTITION");
                }

                var partitions = new List<PartitionLocation>();
                while (At(Keyword.Partition))
                {
                    CheckPartitionCount(partitions.Count);
                    PartitionSpec partition = ParsePartitionSpec();
                    Expect(Keyword.Location);
                    StringLiteral location = ParseStringLiteral("the partition's location");
                    partitions.Add(new PartitionLocation(partition, location) { Position = partition.Position });
                }

                return new AlterTableAddPartitionStatement(table, partitions, ifNotExists) { Position = alter.Position };
            }

            case Keyword.Drop:
            {
                Advance();
                bool ifExists = ParseIfExists();
                var partitions = new List<PartitionSpec>();
                do
                {
                    CheckPartitionCount(partitions.Count);
                    partitions.Add(ParsePartitionSpec());
                }
                while (TryConsume(TokenKind.Comma));

                return new AlterTableDropPartitionStatement(table, partitions, ifExists) { Position = alter.Position };
            }

            case Keyword.Partition:
            {
                PartitionSpec partition = ParsePartitionSpec();
                Expect(Keyword.Set);
                Expect(Keyword.Location);
                StringLiteral location = ParseStringLiteral("the partition's location");
                return new AlterTableSetLocationStatement(table, partition, location) { Position = alter.Position };
            }

            case Keyword.Set:
                Advance();
                if (TryConsume(Keyword.Location))
                {
                    StringLiteral location = ParseStringLiteral("the table's location");
                    return new AlterTableSetLocationStatement(table, null, location) { Position = alter.Position };
                }

                if (TryConsume(Keyword.Table))
                {
                    Expect(Keyword.Properties);
                    return new AlterTableSetTablePropertiesStatement(table, ParseKeyValueProperties()) { Position = alter.Position };
                }

                throw Unexpected("expected LOCATION or TABLE PROPERTIES");
            case Keyword.Recover:
                Advance();
                Expect(Keyword.Partitions);
                return new RecoverPartitionsStatement(table) { Position = alter.Position };
            default:
                throw Unexpected("expected ADD PARTITION, DROP PARTITION, PARTITION, SET LOCATION, SET TABLE PROPERTIES or RECOVER PARTITIONS");
        }
    }

    /// <summary>Stops at the partition after the limit, so the error points at the first one too many.</summary>
    private void CheckPartitionCount(int countSoFar)
    {
        if (countSoFar == MaxPartitionsPerStatement)
        {
            throw Unexpected($"one ALTER TABLE statement can name at most {MaxPartitionsPerStatement} partitions");
        }
    }

    /// <summary>PARTITION (key = 'value', ...), each key once.</summary>
    private PartitionSpec ParsePartitionSpec()
    {
        Token partition = Expect(Keyword.Partition);
        Expect(TokenKind.LeftParen);
        var values = new List<PartitionKeyValue>();
        do
        {
            Token keyToken = Current;
            Identifier key = ParseName("a partition column name");
            if (values.Exists(v => v.Key.Value == key.Value))
            {
                throw SyntaxError(keyToken, $"partition column \"{key.Value}\" is given more than once");
            }

            Expect(TokenKind.Equal);
            if (!At(TokenKind.String))
            {
                // Spectrum stores partition values as text: 2024 and DATE '2024-01-31' are written '2024' and '2024-01-31'.
                throw Unexpected("partition values are string literals: quote the value, even for integer and date partition columns");
            }

            Token value = Advance();
            values.Add(new PartitionKeyValue(key, new StringLiteral(value.Value) { Position = value.Position }) { Position = key.Position });
        }
        while (TryConsume(TokenKind.Comma));

        if (!At(TokenKind.RightParen))
        {
            throw Unexpected("expected \",\" or \")\"");
        }

        Advance();
        return new PartitionSpec(values) { Position = partition.Position };
    }

    /// <summary>REFRESH EXTERNAL SCHEMA name | REFRESH TABLE name.</summary>
    private Statement ParseRefresh()
    {
        Token refresh = Advance();
        if (TryConsume(Keyword.Table))
        {
            ObjectName table = ParseObjectName("a table name");
            return new RefreshTableStatement(table) { Position = refresh.Position };
        }

        if (!At(Keyword.External))
        {
            throw Unexpected("expected EXTERNAL SCHEMA or TABLE");
        }

        Advance();
        Expect(Keyword.Schema);
        Identifier name = ParseName("a schema name");
        return new RefreshExternalSchemaStatement(name) { Position = refresh.Position };
    }

    /// <summary>MSCK REPAIR TABLE name: Hive's spelling of ALTER TABLE name RECOVER PARTITIONS.</summary>
    private RecoverPartitionsStatement ParseMsckRepairTable()
    {
        Token msck = Advance();
        Expect(Keyword.Repair);
        Expect(Keyword.Table);
        ObjectName table = ParseObjectName("a table name");
        return new RecoverPartitionsStatement(table) { Position = msck.Position };
    }
}
