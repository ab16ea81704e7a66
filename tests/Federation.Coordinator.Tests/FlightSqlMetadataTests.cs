using System.Globalization;
using System.Reflection;
using Apache.Arrow;
using Apache.Arrow.Flight;
using Apache.Arrow.Types;
using Federation.Coordinator.Tests.Protocol;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Field = Apache.Arrow.Field;

namespace Federation.Coordinator.Tests;

/// <summary>
/// The Flight SQL metadata commands end to end, as JDBC and ODBC drivers and BI tools send them on connect:
/// GetFlightInfo on the Any-packed command, then DoGet of the one endpoint's ticket. Schemas are checked field by
/// field against the specification, values against tables the tests create.
/// </summary>
public sealed class FlightSqlMetadataTests : IClassFixture<MetadataFixture>
{
    private readonly MetadataFixture _server;
    private readonly FlightSqlCalls _calls;

    public FlightSqlMetadataTests(MetadataFixture server)
    {
        _server = server;
        _calls = new FlightSqlCalls(server.Client);
    }

    [Fact]
    public async Task GetCatalogs_lists_the_one_catalog_through_a_ticket_that_is_the_command_itself()
    {
        var descriptor = FlightSqlCalls.Command(new CommandGetCatalogs());

        var info = await _server.Client.GetInfo(descriptor);

        AssertFields(info.Schema, ("catalog_name", ArrowTypeId.String, false));
        var endpoint = Assert.Single(info.Endpoints);
        Assert.Empty(endpoint.Locations);
        Assert.True(Any.Parser.ParseFrom(endpoint.Ticket.Ticket).Is(CommandGetCatalogs.Descriptor));
        var (schema, batches) = await ReadAsync(endpoint.Ticket);
        AssertFields(schema, ("catalog_name", ArrowTypeId.String, false));
        Assert.Equal(["federation"], FlightSqlCalls.Strings(batches, 0));
    }

    [Fact]
    public async Task GetDbSchemas_lists_the_schemas_that_match_the_pattern()
    {
        var (schema, all) = await FetchAsync(new CommandGetDbSchemas());
        AssertFields(schema, ("catalog_name", ArrowTypeId.String, true), ("db_schema_name", ArrowTypeId.String, false));
        Assert.Equal(["public", "sales", "sales_archive"], FlightSqlCalls.Strings(all, 1));
        Assert.Equal(["federation", "federation", "federation"], FlightSqlCalls.Strings(all, 0));

        Assert.Equal(["sales", "sales_archive"], await SchemaNamesAsync(new CommandGetDbSchemas { DbSchemaFilterPattern = "sales%" }));
        Assert.Equal(["sales"], await SchemaNamesAsync(new CommandGetDbSchemas { DbSchemaFilterPattern = "sale_" }));
        Assert.Equal(["public"], await SchemaNamesAsync(new CommandGetDbSchemas { DbSchemaFilterPattern = "PUB%" }));
        Assert.Equal(["sales_archive"], await SchemaNamesAsync(new CommandGetDbSchemas { DbSchemaFilterPattern = "%\\_%" }));
        Assert.Equal(["public", "sales", "sales_archive"],
            await SchemaNamesAsync(new CommandGetDbSchemas { Catalog = "", DbSchemaFilterPattern = "" }));
        Assert.Equal(["public", "sales", "sales_archive"], await SchemaNamesAsync(new CommandGetDbSchemas { Catalog = "federation" }));
        Assert.Empty(await SchemaNamesAsync(new CommandGetDbSchemas { Catalog = "elsewhere" }));
    }

    [Fact]
    public async Task GetTables_filters_by_schema_table_name_and_table_type()
    {
        var session = await _calls.HandshakeAsync();
        await _calls.UpdateAsync("CREATE TABLE listed_orders (id INTEGER)", session);
        await _calls.UpdateAsync("CREATE TABLE listed_order_lines (order_id INTEGER, line INTEGER)", session);
        await _calls.UpdateAsync("CREATE TABLE sales.listed_customers (id INTEGER)", session);

        var (schema, batches) = await FetchAsync(new CommandGetTables { TableNameFilterPattern = "listed%" }, session);
        AssertFields(schema,
            ("catalog_name", ArrowTypeId.String, true),
            ("db_schema_name", ArrowTypeId.String, true),
            ("table_name", ArrowTypeId.String, false),
            ("table_type", ArrowTypeId.String, false));
        Assert.Equal(["federation", "federation", "federation"], FlightSqlCalls.Strings(batches, 0));
        Assert.Equal(["public", "public", "sales"], FlightSqlCalls.Strings(batches, 1));
        Assert.Equal(["listed_order_lines", "listed_orders", "listed_customers"], FlightSqlCalls.Strings(batches, 2));
        Assert.Equal(["TABLE", "TABLE", "TABLE"], FlightSqlCalls.Strings(batches, 3));

        Assert.Equal(["listed_order_lines", "listed_orders"],
            await TableNamesAsync(new CommandGetTables { DbSchemaFilterPattern = "public", TableNameFilterPattern = "listed_order%" }, session));
        Assert.Equal(["listed_orders"], await TableNamesAsync(new CommandGetTables { TableNameFilterPattern = "LISTED_ORDER_" }, session));
        Assert.Equal(["listed_customers"], await TableNamesAsync(new CommandGetTables { DbSchemaFilterPattern = "sa%", TableNameFilterPattern = "listed%" }, session));
        Assert.Equal(["listed_order_lines", "listed_orders", "listed_customers"],
            await TableNamesAsync(new CommandGetTables { Catalog = "", DbSchemaFilterPattern = "", TableNameFilterPattern = "listed%", TableTypes = { "TABLE", "VIEW" } }, session));
        Assert.Empty(await TableNamesAsync(new CommandGetTables { TableNameFilterPattern = "listed%", TableTypes = { "VIEW" } }, session));
        Assert.Empty(await TableNamesAsync(new CommandGetTables { Catalog = "elsewhere", TableNameFilterPattern = "listed%" }, session));
        Assert.Empty(await TableNamesAsync(new CommandGetTables { DbSchemaFilterPattern = "sales_archive" }, session));
    }

    [Fact]
    public async Task GetTables_with_include_schema_carries_each_tables_columns_and_their_metadata()
    {
        var session = await _calls.HandshakeAsync();
        await _calls.UpdateAsync(
            "CREATE TABLE described_items (id INTEGER NOT NULL, label VARCHAR(20), price DECIMAL(10, 2), sold DATE, seen TIMESTAMP, active BOOLEAN, weight DOUBLE PRECISION)",
            session);

        var (schema, batches) = await FetchAsync(new CommandGetTables { TableNameFilterPattern = "described_items", IncludeSchema = true }, session);

        Assert.Equal(5, schema.FieldsList.Count);
        Assert.Equal(("table_schema", ArrowTypeId.Binary, false), Describe(schema.FieldsList[4]));
        var batch = Assert.Single(batches);
        Assert.Equal(1, batch.Length);
        var table = ArrowSerializationHelpers.DeserializeSchema(((BinaryArray)batch.Column(4)).GetBytes(0).ToArray());
        AssertFields(table,
            ("id", ArrowTypeId.Int32, false),
            ("label", ArrowTypeId.String, true),
            ("price", ArrowTypeId.Decimal128, true),
            ("sold", ArrowTypeId.Date32, true),
            ("seen", ArrowTypeId.Timestamp, true),
            ("active", ArrowTypeId.Boolean, true),
            ("weight", ArrowTypeId.Double, true));
        var price = (Decimal128Type)table.GetFieldByName("price").DataType;
        Assert.Equal((10, 2), (price.Precision, price.Scale));

        var id = table.GetFieldByName("id").Metadata;
        Assert.Equal("federation", id["ARROW:FLIGHT:SQL:CATALOG_NAME"]);
        Assert.Equal("public", id["ARROW:FLIGHT:SQL:DB_SCHEMA_NAME"]);
        Assert.Equal("described_items", id["ARROW:FLIGHT:SQL:TABLE_NAME"]);
        Assert.Equal("integer", id["ARROW:FLIGHT:SQL:TYPE_NAME"]);
        Assert.Equal("10", id["ARROW:FLIGHT:SQL:PRECISION"]);
        Assert.Equal("0", id["ARROW:FLIGHT:SQL:SCALE"]);
        Assert.Equal("0", id["ARROW:FLIGHT:SQL:IS_READ_ONLY"]);
        Assert.Equal("0", id["ARROW:FLIGHT:SQL:IS_CASE_SENSITIVE"]);
        var label = table.GetFieldByName("label").Metadata;
        Assert.Equal("character varying(20)", label["ARROW:FLIGHT:SQL:TYPE_NAME"]);
        Assert.Equal("20", label["ARROW:FLIGHT:SQL:PRECISION"]);
        Assert.Equal("1", label["ARROW:FLIGHT:SQL:IS_CASE_SENSITIVE"]);
        var priceMetadata = table.GetFieldByName("price").Metadata;
        Assert.Equal("numeric(10,2)", priceMetadata["ARROW:FLIGHT:SQL:TYPE_NAME"]);
        Assert.Equal("10", priceMetadata["ARROW:FLIGHT:SQL:PRECISION"]);
        Assert.Equal("2", priceMetadata["ARROW:FLIGHT:SQL:SCALE"]);
        Assert.Equal("timestamp without time zone", table.GetFieldByName("seen").Metadata["ARROW:FLIGHT:SQL:TYPE_NAME"]);

        // The table schema is the one a query of the table answers.
        var query = await _server.Client.GetSchema(
            FlightDescriptor.CreateCommandDescriptor(Any.Pack(new CommandStatementQuery { Query = "SELECT * FROM described_items" }).ToByteArray()), session);
        Assert.Equal(query.FieldsList.Select(Describe), table.FieldsList.Select(Describe));
    }

    [Fact]
    public async Task GetTableTypes_lists_TABLE()
    {
        var (schema, batches) = await FetchAsync(new CommandGetTableTypes());

        AssertFields(schema, ("table_type", ArrowTypeId.String, false));
        Assert.Equal(["TABLE"], FlightSqlCalls.Strings(batches, 0));
    }

    [Fact]
    public async Task GetSqlInfo_values_decode_from_the_dense_union()
    {
        SqlInfo[] asked =
        [
            SqlInfo.FlightSqlServerName, SqlInfo.FlightSqlServerVersion, SqlInfo.FlightSqlServerArrowVersion, SqlInfo.FlightSqlServerReadOnly,
            SqlInfo.FlightSqlServerTransaction, SqlInfo.SqlDdlTable, SqlInfo.SqlIdentifierCase, SqlInfo.SqlIdentifierQuoteChar,
            SqlInfo.SqlQuotedIdentifierCase, SqlInfo.SqlNullOrdering, SqlInfo.SqlKeywords, SqlInfo.SqlNumericFunctions, SqlInfo.SqlStringFunctions,
            SqlInfo.SqlSystemFunctions, SqlInfo.SqlDatetimeFunctions, SqlInfo.SqlSearchStringEscape, SqlInfo.SqlSupportsConvert,
            SqlInfo.SqlSupportedGroupBy, SqlInfo.SqlOuterJoinsSupportLevel, SqlInfo.SqlSupportedSubqueries, SqlInfo.SqlSupportedUnions,
            SqlInfo.SqlMaxTableNameLength, SqlInfo.SqlTransactionsSupported,
        ];
        var command = new CommandGetSqlInfo();
        command.Info.AddRange(asked.Select(id => (uint)id));

        var (schema, batches) = await FetchAsync(command);

        AssertSqlInfoSchema(schema);
        var values = SqlInfoValues(batches);
        Assert.Equal(asked.Select(id => (uint)id), values.Select(v => v.Id));
        var byId = values.ToDictionary(v => (SqlInfo)v.Id, v => v.Value);
        Assert.Equal("Federation", byId[SqlInfo.FlightSqlServerName]);
        Assert.Matches(@"^\d+\.\d+", (string)byId[SqlInfo.FlightSqlServerVersion]!);
        var arrowVersion = typeof(Schema).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.Equal(arrowVersion, byId[SqlInfo.FlightSqlServerArrowVersion]);
        Assert.Equal(false, byId[SqlInfo.FlightSqlServerReadOnly]);
        Assert.Equal(0, byId[SqlInfo.FlightSqlServerTransaction]); // SQL_SUPPORTED_TRANSACTION_NONE
        Assert.Equal(true, byId[SqlInfo.SqlDdlTable]);
        Assert.Equal(3, byId[SqlInfo.SqlIdentifierCase]); // SQL_CASE_SENSITIVITY_LOWERCASE
        Assert.Equal("\"", byId[SqlInfo.SqlIdentifierQuoteChar]);
        Assert.Equal(1, byId[SqlInfo.SqlQuotedIdentifierCase]); // SQL_CASE_SENSITIVITY_CASE_INSENSITIVE
        Assert.Equal(0, byId[SqlInfo.SqlNullOrdering]); // SQL_NULLS_SORTED_HIGH
        Assert.Equal("\\", byId[SqlInfo.SqlSearchStringEscape]);
        Assert.Equal(0b11, byId[SqlInfo.SqlSupportedGroupBy]);
        Assert.Equal(2, byId[SqlInfo.SqlOuterJoinsSupportLevel]); // SQL_FULL_OUTER_JOINS
        Assert.Equal(0b1111, byId[SqlInfo.SqlSupportedSubqueries]);
        Assert.Equal(0b11, byId[SqlInfo.SqlSupportedUnions]);
        Assert.Equal(0L, byId[SqlInfo.SqlMaxTableNameLength]);
        Assert.Equal(false, byId[SqlInfo.SqlTransactionsSupported]);

        var keywords = (List<string>)byId[SqlInfo.SqlKeywords]!;
        Assert.Contains("select", keywords);
        Assert.Contains("from", keywords);
        Assert.Contains("join", keywords);
        Assert.DoesNotContain("day", keywords); // unreserved: a valid name unquoted
        Assert.Equal(keywords.Order(StringComparer.Ordinal), keywords);
        var numeric = (List<string>)byId[SqlInfo.SqlNumericFunctions]!;
        Assert.Contains("abs", numeric);
        Assert.Contains("sqrt", numeric);
        Assert.DoesNotContain("upper", numeric);
        var strings = (List<string>)byId[SqlInfo.SqlStringFunctions]!;
        Assert.Contains("upper", strings);
        Assert.Contains("substring", strings);
        Assert.Contains("coalesce", (List<string>)byId[SqlInfo.SqlSystemFunctions]!);
        Assert.Contains("date_trunc", (List<string>)byId[SqlInfo.SqlDatetimeFunctions]!);

        // SqlSupportsConvert codes: BIGINT 0, DATE 4, INTEGER 7, TIMESTAMP 16, VARCHAR 19.
        var convert = (Dictionary<int, List<int>>)byId[SqlInfo.SqlSupportsConvert]!;
        Assert.Contains(0, convert[7]);
        Assert.Contains(19, convert[7]);
        Assert.Contains(16, convert[4]);
        Assert.DoesNotContain(7, convert[4]);
    }

    [Fact]
    public async Task The_features_GetSqlInfo_claims_work_in_queries()
    {
        var session = await _calls.HandshakeAsync();
        await _calls.UpdateAsync("CREATE TABLE claims (id INTEGER, name VARCHAR, grp INTEGER)", session);
        await _calls.UpdateAsync("INSERT INTO claims VALUES (1, 'a_b', 1), (2, 'axb', 1), (3, NULL, 2)", session);

        // SQL_NULL_ORDERING = SQL_NULLS_SORTED_HIGH: NULL sorts after every value ascending.
        Assert.Equal(["1", "2", "3"], await QueryColumnAsync("SELECT id FROM claims ORDER BY name", session));
        // SQL_SUPPORTS_LIKE_ESCAPE_CLAUSE, SQL_SUPPORTS_ORDER_BY_UNRELATED, SQL_SUPPORTED_GROUP_BY (unrelated).
        Assert.Equal(["1"], await QueryColumnAsync("SELECT id FROM claims WHERE name LIKE 'a#_b' ESCAPE '#'", session));
        Assert.Equal([null, "axb", "a_b"], await QueryColumnAsync("SELECT name FROM claims ORDER BY id DESC", session));
        Assert.Equal(["1", "2"], await QueryColumnAsync("SELECT COUNT(*) AS n FROM claims GROUP BY grp ORDER BY n", session));
        // SQL_OUTER_JOINS_SUPPORT_LEVEL = SQL_FULL_OUTER_JOINS, with table correlation names.
        Assert.Equal(["4"], await QueryColumnAsync("SELECT COUNT(*) FROM claims a FULL JOIN claims b ON a.id = b.id + 1", session));
        // SQL_SUPPORTED_SUBQUERIES (comparisons, EXISTS, IN, quantified) and SQL_CORRELATED_SUBQUERIES_SUPPORTED.
        Assert.Equal(["2"], await QueryColumnAsync("SELECT id FROM claims WHERE id = (SELECT MAX(grp) FROM claims)", session));
        Assert.Equal(["2"], await QueryColumnAsync(
            "SELECT COUNT(*) FROM claims c WHERE EXISTS (SELECT 1 FROM claims d WHERE d.grp = c.grp AND d.id <> c.id)", session));
        Assert.Equal(["2"], await QueryColumnAsync("SELECT COUNT(*) FROM claims WHERE id IN (SELECT grp FROM claims)", session));
        Assert.Equal(["2"], await QueryColumnAsync("SELECT COUNT(*) FROM claims WHERE id > ANY (SELECT grp FROM claims)", session));
        // SQL_SUPPORTED_UNIONS and SQL_NULL_PLUS_NULL_IS_NULL.
        Assert.Equal(["3"], await QueryColumnAsync("SELECT COUNT(*) FROM (SELECT id FROM claims UNION SELECT grp FROM claims) u", session));
        Assert.Equal(["6"], await QueryColumnAsync("SELECT COUNT(*) FROM (SELECT id FROM claims UNION ALL SELECT grp FROM claims) u", session));
        Assert.Equal([null], await QueryColumnAsync("SELECT 'a' || NULL AS joined", session));
    }

    [Fact]
    public async Task GetSqlInfo_without_ids_answers_every_fact_in_id_order_and_skips_unknown_ids()
    {
        var (_, all) = await FetchAsync(new CommandGetSqlInfo());
        var ids = SqlInfoValues(all).Select(v => v.Id).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Contains((uint)SqlInfo.FlightSqlServerName, ids);
        Assert.Contains((uint)SqlInfo.SqlStoredFunctionsUsingCallSyntaxSupported, ids);
        Assert.True(ids.Count > 80, $"only {ids.Count} facts");

        var (schema, some) = await FetchAsync(new CommandGetSqlInfo { Info = { (uint)SqlInfo.SqlIdentifierQuoteChar, 9999u } });
        AssertSqlInfoSchema(schema);
        var only = Assert.Single(SqlInfoValues(some));
        Assert.Equal(((uint)SqlInfo.SqlIdentifierQuoteChar, (object?)"\""), (only.Id, only.Value));
    }

    [Fact]
    public async Task Key_commands_answer_no_rows_with_the_specifications_schemas()
    {
        var session = await _calls.HandshakeAsync();
        await _calls.UpdateAsync("CREATE TABLE keyless (id INTEGER NOT NULL)", session);

        var (primary, primaryRows) = await FetchAsync(new CommandGetPrimaryKeys { Table = "keyless" }, session);
        AssertFields(primary,
            ("catalog_name", ArrowTypeId.String, true),
            ("db_schema_name", ArrowTypeId.String, true),
            ("table_name", ArrowTypeId.String, false),
            ("column_name", ArrowTypeId.String, false),
            ("key_sequence", ArrowTypeId.Int32, false),
            ("key_name", ArrowTypeId.String, true));
        Assert.Equal(0, primaryRows.Sum(b => b.Length));

        (string, ArrowTypeId, bool)[] foreignKeyFields =
        [
            ("pk_catalog_name", ArrowTypeId.String, true),
            ("pk_db_schema_name", ArrowTypeId.String, true),
            ("pk_table_name", ArrowTypeId.String, false),
            ("pk_column_name", ArrowTypeId.String, false),
            ("fk_catalog_name", ArrowTypeId.String, true),
            ("fk_db_schema_name", ArrowTypeId.String, true),
            ("fk_table_name", ArrowTypeId.String, false),
            ("fk_column_name", ArrowTypeId.String, false),
            ("key_sequence", ArrowTypeId.Int32, false),
            ("fk_key_name", ArrowTypeId.String, true),
            ("pk_key_name", ArrowTypeId.String, true),
            ("update_rule", ArrowTypeId.UInt8, false),
            ("delete_rule", ArrowTypeId.UInt8, false),
        ];
        IMessage[] commands =
        [
            new CommandGetExportedKeys { Table = "keyless" },
            new CommandGetImportedKeys { Catalog = "federation", DbSchema = "public", Table = "keyless" },
            new CommandGetCrossReference { PkTable = "keyless", FkTable = "keyless" },
        ];
        foreach (var command in commands)
        {
            var (schema, rows) = await FetchAsync(command, session);
            AssertFields(schema, foreignKeyFields);
            Assert.Equal(0, rows.Sum(b => b.Length));
        }
    }

    [Fact]
    public async Task GetXdbcTypeInfo_lists_the_types_with_their_codes_and_filters_by_data_type()
    {
        var (schema, batches) = await FetchAsync(new CommandGetXdbcTypeInfo());

        AssertFields(schema,
            ("type_name", ArrowTypeId.String, false),
            ("data_type", ArrowTypeId.Int32, false),
            ("column_size", ArrowTypeId.Int32, true),
            ("literal_prefix", ArrowTypeId.String, true),
            ("literal_suffix", ArrowTypeId.String, true),
            ("create_params", ArrowTypeId.List, true),
            ("nullable", ArrowTypeId.Int32, false),
            ("case_sensitive", ArrowTypeId.Boolean, false),
            ("searchable", ArrowTypeId.Int32, false),
            ("unsigned_attribute", ArrowTypeId.Boolean, true),
            ("fixed_prec_scale", ArrowTypeId.Boolean, false),
            ("auto_increment", ArrowTypeId.Boolean, true),
            ("local_type_name", ArrowTypeId.String, true),
            ("minimum_scale", ArrowTypeId.Int32, true),
            ("maximum_scale", ArrowTypeId.Int32, true),
            ("sql_data_type", ArrowTypeId.Int32, false),
            ("datetime_subcode", ArrowTypeId.Int32, true),
            ("num_prec_radix", ArrowTypeId.Int32, true),
            ("interval_precision", ArrowTypeId.Int32, true));
        var batch = Assert.Single(batches);
        var names = FlightSqlCalls.Strings(batches, 0);
        var codes = Int32s(batches, 1);
        Assert.Equal(codes.Order(), codes);
        Assert.Contains("VARCHAR", names);
        Assert.Contains("BIGINT", names);
        Assert.Contains("DATE", names);

        var integer = names.IndexOf("INTEGER");
        Assert.Equal(4, codes[integer]); // XDBC_INTEGER
        Assert.Equal(10, Int32s(batches, 2)[integer]); // column_size: decimal digits
        Assert.Equal(10, Int32s(batches, 17)[integer]); // num_prec_radix
        Assert.Equal(false, ((BooleanArray)batch.Column(9)).GetValue(integer)); // unsigned_attribute
        Assert.Equal(4, Int32s(batches, 15)[integer]); // sql_data_type

        var varchar = names.IndexOf("VARCHAR");
        Assert.Equal(12, codes[varchar]);
        Assert.Equal("'", FlightSqlCalls.Strings(batches, 3)[varchar]);
        var createParams = (ListArray)batch.Column(5);
        Assert.Equal(["max length"], ListStrings(createParams, varchar));
        Assert.True(createParams.IsNull(integer));
        Assert.Equal(true, ((BooleanArray)batch.Column(7)).GetValue(varchar)); // case_sensitive
        Assert.Equal(3, Int32s(batches, 8)[varchar]); // SEARCHABLE_FULL
        Assert.Null(((BooleanArray)batch.Column(9)).GetValue(varchar));

        var decimals = names.IndexOf("DECIMAL");
        Assert.Equal(3, codes[decimals]);
        Assert.Equal(["precision", "scale"], ListStrings(createParams, decimals));
        Assert.Equal((0, 38), (Int32s(batches, 13)[decimals], Int32s(batches, 14)[decimals]));

        var (_, timestamps) = await FetchAsync(new CommandGetXdbcTypeInfo { DataType = 93 });
        Assert.Equal(["TIMESTAMP", "TIMESTAMP WITH TIME ZONE"], FlightSqlCalls.Strings(timestamps, 0));
        Assert.Equal([93, 93], Int32s(timestamps, 1));
        Assert.Equal([9, 9], Int32s(timestamps, 15)); // sql_data_type XDBC_DATETIME
        Assert.Equal([3, 5], Int32s(timestamps, 16)); // XDBC_SUBCODE_TIMESTAMP, XDBC_SUBCODE_TIMESTAMP_WITH_TIMEZONE
        Assert.Equal(["TIMESTAMP '", "TIMESTAMPTZ '"], FlightSqlCalls.Strings(timestamps, 3));

        var (_, integers) = await FetchAsync(new CommandGetXdbcTypeInfo { DataType = 4 });
        Assert.Equal(["INTEGER"], FlightSqlCalls.Strings(integers, 0));
        var (_, none) = await FetchAsync(new CommandGetXdbcTypeInfo { DataType = 92 }); // TIME: no such type
        Assert.Equal(0, none.Sum(b => b.Length));
    }

    [Fact]
    public async Task GetSchema_answers_each_commands_fixed_schema()
    {
        var withTables = await _server.Client.GetSchema(FlightSqlCalls.Command(new CommandGetTables { IncludeSchema = true }));
        Assert.Equal(["catalog_name", "db_schema_name", "table_name", "table_type", "table_schema"], withTables.FieldsList.Select(f => f.Name));
        var withoutTables = await _server.Client.GetSchema(FlightSqlCalls.Command(new CommandGetTables()));
        Assert.Equal(["catalog_name", "db_schema_name", "table_name", "table_type"], withoutTables.FieldsList.Select(f => f.Name));

        AssertSqlInfoSchema(await _server.Client.GetSchema(FlightSqlCalls.Command(new CommandGetSqlInfo())));
        AssertFields(await _server.Client.GetSchema(FlightSqlCalls.Command(new CommandGetCatalogs())), ("catalog_name", ArrowTypeId.String, false));
        AssertFields(await _server.Client.GetSchema(FlightSqlCalls.Command(new CommandGetTableTypes())), ("table_type", ArrowTypeId.String, false));
        Assert.Equal(19, (await _server.Client.GetSchema(FlightSqlCalls.Command(new CommandGetXdbcTypeInfo()))).FieldsList.Count);
        Assert.Equal(13, (await _server.Client.GetSchema(FlightSqlCalls.Command(new CommandGetCrossReference()))).FieldsList.Count);
    }

    [Fact]
    public async Task A_metadata_call_with_an_unknown_session_token_is_Unauthenticated()
    {
        var stale = new Metadata { { "authorization", "Bearer not-a-token-this-server-gave-out" } };

        var info = await Assert.ThrowsAsync<RpcException>(() => _server.Client.GetInfo(FlightSqlCalls.Command(new CommandGetTables()), stale).ResponseAsync);
        var schema = await Assert.ThrowsAsync<RpcException>(() => _server.Client.GetSchema(FlightSqlCalls.Command(new CommandGetTables()), stale).ResponseAsync);
        var ticket = (await _server.Client.GetInfo(FlightSqlCalls.Command(new CommandGetTables()))).Endpoints[0].Ticket;
        var rows = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(ticket, stale));

        Assert.Equal(StatusCode.Unauthenticated, info.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, schema.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, rows.StatusCode);
    }

    private static void AssertSqlInfoSchema(Schema schema)
    {
        Assert.Equal(2, schema.FieldsList.Count);
        Assert.Equal(("info_name", ArrowTypeId.UInt32, false), Describe(schema.FieldsList[0]));
        var value = schema.FieldsList[1];
        Assert.Equal(("value", ArrowTypeId.Union, false), Describe(value));
        var union = (UnionType)value.DataType;
        Assert.Equal(UnionMode.Dense, union.Mode);
        Assert.Equal([0, 1, 2, 3, 4, 5], union.TypeIds);
        Assert.Equal(
            [
                ("string_value", ArrowTypeId.String, false),
                ("bool_value", ArrowTypeId.Boolean, false),
                ("bigint_value", ArrowTypeId.Int64, false),
                ("int32_bitmask", ArrowTypeId.Int32, false),
                ("string_list", ArrowTypeId.List, false),
                ("int32_to_int32_list_map", ArrowTypeId.Map, false),
            ],
            union.Fields.Select(Describe));
        Assert.Equal(ArrowTypeId.String, ((ListType)union.Fields[4].DataType).ValueDataType.TypeId);
        var map = (MapType)union.Fields[5].DataType;
        Assert.Equal(ArrowTypeId.Int32, map.KeyField.DataType.TypeId);
        Assert.Equal(ArrowTypeId.Int32, ((ListType)map.ValueField.DataType).ValueDataType.TypeId);
    }

    /// <summary>Each row's id and its value, decoded from the dense union by type id and offset.</summary>
    private static List<(uint Id, object? Value)> SqlInfoValues(IEnumerable<RecordBatch> batches)
    {
        var values = new List<(uint, object?)>();
        foreach (var batch in batches)
        {
            var ids = (UInt32Array)batch.Column(0);
            var union = (DenseUnionArray)batch.Column(1);
            for (var row = 0; row < batch.Length; row++)
            {
                var child = union.Fields[union.TypeIds[row]];
                var at = union.ValueOffsets[row];
                object? value = union.TypeIds[row] switch
                {
                    0 => ((StringArray)child).GetString(at),
                    1 => ((BooleanArray)child).GetValue(at),
                    2 => ((Int64Array)child).GetValue(at),
                    3 => ((Int32Array)child).GetValue(at),
                    4 => ListStrings((ListArray)child, at),
                    5 => MapEntries((MapArray)child, at),
                    var other => throw new InvalidOperationException($"type id {other} is not in the SqlInfo union"),
                };
                values.Add((ids.GetValue(row)!.Value, value));
            }
        }

        return values;
    }

    private static List<string> ListStrings(ListArray lists, int index)
    {
        var items = (StringArray)lists.Values;
        var result = new List<string>();
        for (var i = lists.ValueOffsets[index]; i < lists.ValueOffsets[index + 1]; i++)
        {
            result.Add(items.GetString(i));
        }

        return result;
    }

    private static Dictionary<int, List<int>> MapEntries(MapArray maps, int index)
    {
        var keys = (Int32Array)maps.Keys;
        var lists = (ListArray)maps.Values;
        var items = (Int32Array)lists.Values;
        var result = new Dictionary<int, List<int>>();
        for (var entry = maps.ValueOffsets[index]; entry < maps.ValueOffsets[index + 1]; entry++)
        {
            var list = new List<int>();
            for (var i = lists.ValueOffsets[entry]; i < lists.ValueOffsets[entry + 1]; i++)
            {
                list.Add(items.GetValue(i)!.Value);
            }

            result.Add(keys.GetValue(entry)!.Value, list);
        }

        return result;
    }

    private static (string Name, ArrowTypeId Type, bool Nullable) Describe(Field field) => (field.Name, field.DataType.TypeId, field.IsNullable);

    private static void AssertFields(Schema schema, params (string Name, ArrowTypeId Type, bool Nullable)[] expected) =>
        Assert.Equal(expected, schema.FieldsList.Select(Describe));

    private static List<int?> Int32s(IEnumerable<RecordBatch> batches, int column) =>
        batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => ((Int32Array)b.Column(column)).GetValue(i))).ToList();

    private async Task<List<string?>> SchemaNamesAsync(CommandGetDbSchemas command) => FlightSqlCalls.Strings((await FetchAsync(command)).Batches, 1);

    private async Task<List<string?>> TableNamesAsync(CommandGetTables command, Metadata session) => FlightSqlCalls.Strings((await FetchAsync(command, session)).Batches, 2);

    /// <summary>The first column of a query's rows, as text (null for NULL).</summary>
    private async Task<List<string?>> QueryColumnAsync(string sql, Metadata session)
    {
        var info = await _server.Client.GetInfo(FlightSqlCalls.Command(new CommandStatementQuery { Query = sql }), session);
        var (_, batches) = await ReadAsync(info.Endpoints[0].Ticket, session);
        var values = new List<string?>();
        foreach (var batch in batches)
        {
            var column = batch.Column(0);
            for (var row = 0; row < batch.Length; row++)
            {
                values.Add(column.IsNull(row) ? null : column switch
                {
                    Int32Array ints => ints.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
                    Int64Array longs => longs.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
                    StringArray strings => strings.GetString(row),
                    _ => throw new InvalidOperationException($"no text form for {column.Data.DataType.Name}"),
                });
            }
        }

        return values;
    }

    /// <summary>What a client does: GetFlightInfo, then DoGet of the first endpoint's ticket on the same connection.</summary>
    private async Task<(Schema Schema, List<RecordBatch> Batches)> FetchAsync(IMessage command, Metadata? session = null)
    {
        var info = await _server.Client.GetInfo(FlightSqlCalls.Command(command), session);
        var (schema, batches) = await ReadAsync(info.Endpoints[0].Ticket, session);
        Assert.Equal(info.Schema.FieldsList.Select(Describe), schema.FieldsList.Select(Describe));
        return (schema, batches);
    }

    private async Task<(Schema Schema, List<RecordBatch> Batches)> ReadAsync(FlightTicket ticket, Metadata? session = null)
    {
        using var call = _server.Client.GetStream(ticket, session);
        var batches = new List<RecordBatch>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            batches.Add(call.ResponseStream.Current);
        }

        return (await call.ResponseStream.Schema, batches);
    }
}
