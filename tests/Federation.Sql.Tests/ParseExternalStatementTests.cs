using Federation.Sql.Ast;
using Federation.Sql.Parsing;
using static Federation.Sql.Tests.TestParse;

namespace Federation.Sql.Tests;

/// <summary>Redshift Spectrum's external-table DDL: external schemas, external tables, their partitions.</summary>
public sealed class ParseExternalStatementTests
{
    private static string Format(string sql) => AstFormatter.Format(SqlParser.ParseStatement(sql));

    // ---------------------------------------------------------------------------------------------
    // CREATE EXTERNAL SCHEMA

    [Theory]
    [InlineData(
        "CREATE EXTERNAL SCHEMA IF NOT EXISTS spectrum FROM DATA CATALOG DATABASE 'spectrumdb' REGION 'us-west-2' "
        + "IAM_ROLE 'arn:aws:iam::123456789012:role/spectrum' CATALOG_ROLE 'arn:aws:iam::123456789012:role/glue' "
        + "CREATE EXTERNAL DATABASE IF NOT EXISTS",
        "(create-external-schema if-not-exists spectrum :data-catalog 'spectrumdb' :region 'us-west-2' "
        + ":iam-role 'arn:aws:iam::123456789012:role/spectrum' :catalog-role 'arn:aws:iam::123456789012:role/glue' :create-external-database)")]
    [InlineData(
        "create external schema s from data catalog create external database if not exists iam_role default region 'eu-west-1' database 'db'",
        "(create-external-schema s :data-catalog 'db' :region 'eu-west-1' :iam-role default :create-external-database)")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'db'",
        "(create-external-schema s :data-catalog 'db')")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'db' IAM_ROLE default CATALOG_ROLE default",
        "(create-external-schema s :data-catalog 'db' :iam-role default :catalog-role default)")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA hive_schema FROM HIVE METASTORE DATABASE 'hive_db' URI '172.10.10.10' PORT 9083 IAM_ROLE 'arn:aws:iam::1:role/r'",
        "(create-external-schema hive_schema :hive-metastore 'hive_db' :uri '172.10.10.10' :port 9083 :iam-role 'arn:aws:iam::1:role/r')")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA h FROM HIVE METASTORE PORT 1 URI 'metastore.local' DATABASE 'default'",
        "(create-external-schema h :hive-metastore 'default' :uri 'metastore.local' :port 1)")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA \"Mixed\" FROM HIVE METASTORE DATABASE 'db' URI 'h'",
        "(create-external-schema \"Mixed\" :hive-metastore 'db' :uri 'h')")]
    public void Create_external_schema_takes_its_clauses_in_any_order(string sql, string expected)
    {
        Assert.Equal(expected, Format(sql));
    }

    [Fact]
    public void Create_external_schema_fields_and_positions()
    {
        var create = Statement<CreateExternalSchemaStatement>(
            "CREATE EXTERNAL SCHEMA s\nFROM DATA CATALOG\n  DATABASE 'db' IAM_ROLE default");
        Assert.Equal(new SourcePosition(1, 1), create.Position);
        Assert.Equal(new SourcePosition(1, 24), create.Name.Position);
        Assert.Equal(ExternalCatalogKind.DataCatalog, create.Catalog);
        Assert.Equal("db", create.Database.Value);
        Assert.Equal(new SourcePosition(3, 12), create.Database.Position);
        Assert.True(create.IamRole!.IsDefault);
        Assert.Equal(new SourcePosition(3, 26), create.IamRole.Position);
        Assert.Null(create.CatalogRole);
        Assert.Null(create.Region);
        Assert.Null(create.Uri);
        Assert.Null(create.Port);
        Assert.False(create.CreateExternalDatabase);
        Assert.False(create.IfNotExists);
    }

    [Theory]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'a' REGION 'x' REGION 'y'",
        "syntax error at or near \"REGION\" (line 1, column 68): REGION is specified more than once")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG IAM_ROLE default DATABASE 'a' iam_role 'arn'",
        "syntax error at or near \"iam_role\" (line 1, column 74): IAM_ROLE is specified more than once")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'a' DATABASE 'b'",
        "syntax error at or near \"DATABASE\" (line 1, column 57): DATABASE is specified more than once")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'a' CREATE EXTERNAL DATABASE IF NOT EXISTS CREATE EXTERNAL DATABASE IF NOT EXISTS",
        "syntax error at or near \"CREATE\" (line 1, column 96): CREATE EXTERNAL DATABASE is specified more than once")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'a' URI 'h'",
        "syntax error at or near \"URI\" (line 1, column 57): URI does not apply to FROM DATA CATALOG")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM HIVE METASTORE DATABASE 'a' URI 'h' REGION 'r'",
        "syntax error at or near \"REGION\" (line 1, column 67): REGION does not apply to FROM HIVE METASTORE")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM HIVE METASTORE DATABASE 'a' URI 'h' CATALOG_ROLE 'r'",
        "syntax error at or near \"CATALOG_ROLE\" (line 1, column 67): CATALOG_ROLE does not apply to FROM HIVE METASTORE")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG REGION 'r'",
        "syntax error at end of input (line 1, column 54): FROM DATA CATALOG needs DATABASE 'name'")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM HIVE METASTORE DATABASE 'a' PORT 9083",
        "syntax error at end of input (line 1, column 68): FROM HIVE METASTORE needs URI 'host'")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'a' SCHEMA 'b'",
        "syntax error at or near \"SCHEMA\" (line 1, column 57): expected REGION, IAM_ROLE, CATALOG_ROLE, CATALOG_ID or CREATE EXTERNAL DATABASE")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM HIVE METASTORE URI 'h' DATABASE 'a' PORT 1 IAM_ROLE default x",
        "syntax error at or near \"x\" (line 1, column 91)")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM POSTGRES DATABASE 'a'",
        "syntax error at or near \"POSTGRES\" (line 1, column 31): expected DATA CATALOG or HIVE METASTORE")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM DATA DATABASE 'a'",
        "syntax error at or near \"DATABASE\" (line 1, column 36): expected CATALOG")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s DATABASE 'a'",
        "syntax error at or near \"DATABASE\" (line 1, column 26): expected FROM")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE db",
        "syntax error at or near \"db\" (line 1, column 53): expected the catalog's database name as a string literal")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'a' IAM_ROLE arn",
        "syntax error at or near \"arn\" (line 1, column 66): expected DEFAULT or a role ARN as a string literal")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM HIVE METASTORE DATABASE 'a' URI 'h' PORT 65536",
        "syntax error at or near \"65536\" (line 1, column 72): expected a port number from 1 to 65535")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM HIVE METASTORE DATABASE 'a' URI 'h' PORT '9083'",
        "syntax error at or near \"'9083'\" (line 1, column 72): expected a port number from 1 to 65535")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'a' CREATE EXTERNAL DATABASE",
        "syntax error at end of input (line 1, column 81): expected IF")]
    [InlineData(
        "CREATE EXTERNAL SCHEMA select FROM DATA CATALOG DATABASE 'a'",
        "syntax error at or near \"select\" (line 1, column 24): expected a schema name")]
    [InlineData(
        "CREATE EXTERNAL VIEW v AS SELECT 1",
        "syntax error at or near \"VIEW\" (line 1, column 17): expected SCHEMA or TABLE")]
    public void Create_external_schema_errors(string sql, string message)
    {
        Assert.Equal(message, Error(sql));
    }

    // ---------------------------------------------------------------------------------------------
    // DROP SCHEMA

    [Theory]
    [InlineData("DROP SCHEMA s", "(drop-schema [s])")]
    [InlineData("DROP SCHEMA IF EXISTS s, t DROP EXTERNAL DATABASE CASCADE", "(drop-schema if-exists [s t] drop-external-database cascade)")]
    [InlineData("drop schema s restrict", "(drop-schema [s])")]
    [InlineData("DROP SCHEMA s DROP EXTERNAL DATABASE", "(drop-schema [s] drop-external-database)")]
    public void Drop_schema(string sql, string expected)
    {
        Assert.Equal(expected, Format(sql));
    }

    [Theory]
    [InlineData("DROP SCHEMA s DROP DATABASE", "syntax error at or near \"DATABASE\" (line 1, column 20): expected EXTERNAL")]
    [InlineData("DROP SCHEMA IF s", "syntax error at or near \"s\" (line 1, column 16): expected EXISTS")]
    [InlineData("DROP SCHEMA s.t", "syntax error at or near \".\" (line 1, column 14)")]
    [InlineData("DROP SCHEMA s CASCADE RESTRICT", "syntax error at or near \"RESTRICT\" (line 1, column 23)")]
    public void Drop_schema_errors(string sql, string message)
    {
        Assert.Equal(message, Error(sql));
    }

    // ---------------------------------------------------------------------------------------------
    // CREATE EXTERNAL TABLE

    [Fact]
    public void Create_external_table_with_every_clause()
    {
        const string sql = """
            CREATE EXTERNAL TABLE IF NOT EXISTS spectrum.sales (
                salesid integer, listid int, sellerid bigint, qtysold smallint,
                pricepaid decimal(8,2), commission double precision, saletime timestamp)
            PARTITIONED BY (saledate date, region varchar(16))
            ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t' LINES TERMINATED BY '\n'
            STORED AS TEXTFILE
            LOCATION 's3://bucket/tickit/spectrum/sales_partition/'
            TABLE PROPERTIES ('numRows'='172000', 'skip.header.line.count'='1')
            """;
        Assert.Equal(
            "(create-external-table if-not-exists spectrum.sales [(salesid integer) (listid int) (sellerid bigint) (qtysold smallint) "
            + "(pricepaid decimal(8,2)) (commission double precision) (saletime timestamp)] "
            + ":partitioned [(saledate date) (region varchar(16))] :row-format (delimited :fields '\\t' :lines '\\n') "
            + ":stored-as textfile :location 's3://bucket/tickit/spectrum/sales_partition/' "
            + ":properties [('numRows' '172000') ('skip.header.line.count' '1')])",
            Format(sql));

        var create = Statement<CreateExternalTableStatement>(sql);
        Assert.Equal(new SourcePosition(1, 1), create.Position);
        Assert.Equal(new SourcePosition(1, 37), create.Name.Position);
        Assert.Equal(new SourcePosition(2, 5), create.Columns[0].Position);
        Assert.Equal(new SourcePosition(2, 13), create.Columns[0].Type.Position);
        Assert.Equal(new SourcePosition(4, 17), create.PartitionColumns[0].Position);
        Assert.Equal(new SourcePosition(5, 1), create.RowFormat!.Position);
        Assert.Equal(new SourcePosition(6, 11), create.StoredAs.Position);
        Assert.Equal(new SourcePosition(7, 10), create.Location.Position);
        Assert.Equal(new SourcePosition(8, 19), create.TableProperties[0].Position);
        Assert.All(create.Columns, c => Assert.False(c.NotNull));
    }

    [Theory]
    [InlineData("PARQUET", "parquet")]
    [InlineData("orc", "orc")]
    [InlineData("TextFile", "textfile")]
    [InlineData("AVRO", "avro")]
    [InlineData("JSON", "json")]
    [InlineData("SEQUENCEFILE", "sequencefile")]
    [InlineData("RCFILE", "rcfile")]
    [InlineData(
        "INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat' OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
        "(inputformat 'org.apache.hadoop.mapred.TextInputFormat' outputformat 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat')")]
    public void Create_external_table_stored_as(string format, string expected)
    {
        Assert.Equal(
            $"(create-external-table s.t [(a int)] :stored-as {expected} :location 's3://b/p/')",
            Format($"CREATE EXTERNAL TABLE s.t (a int) STORED AS {format} LOCATION 's3://b/p/'"));
    }

    [Fact]
    public void Create_external_table_with_a_serde()
    {
        Assert.Equal(
            "(create-external-table s.events [(id bigint) (payload string)] :partitioned [(day date)] "
            + ":row-format (serde 'org.openx.data.jsonserde.JsonSerDe' :properties [('ignore.malformed.json' 'true') ('dots.in.keys' 'false')]) "
            + ":stored-as (inputformat 'org.apache.hadoop.mapred.TextInputFormat' outputformat 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat') "
            + ":location 's3://b/events/')",
            Format(
                "CREATE EXTERNAL TABLE s.events (id bigint, payload string) PARTITIONED BY (day date) "
                + "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true', 'dots.in.keys'='false') "
                + "STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat' OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat' "
                + "LOCATION 's3://b/events/'"));

        Assert.Equal(
            "(create-external-table s.t [(a int)] :row-format (serde 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe') :stored-as textfile :location 'x')",
            Format("CREATE EXTERNAL TABLE s.t (a int) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe' STORED AS TEXTFILE LOCATION 'x'"));
        Assert.Equal(
            "(create-external-table s.t [(a int)] :row-format (delimited) :stored-as textfile :location 'x')",
            Format("CREATE EXTERNAL TABLE s.t (a int) ROW FORMAT DELIMITED STORED AS TEXTFILE LOCATION 'x'"));
        Assert.Equal(
            "(create-external-table s.t [(a int)] :row-format (delimited :lines '\n') :stored-as textfile :location 'x')",
            Format("CREATE EXTERNAL TABLE s.t (a int) ROW FORMAT DELIMITED LINES TERMINATED BY E'\\n' STORED AS TEXTFILE LOCATION 'x'"));
    }

    [Fact]
    public void Row_format_delimited_takes_hives_clauses_in_hives_order()
    {
        Assert.Equal(
            "(create-external-table s.t [(a int)] :row-format (delimited :fields '|' :escaped '\\' :items ',' :map-keys ':' :lines '\n' :null '') "
            + ":stored-as textfile :location 'x')",
            Format("CREATE EXTERNAL TABLE s.t (a int) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' ESCAPED BY '\\' "
                + "COLLECTION ITEMS TERMINATED BY ',' MAP KEYS TERMINATED BY ':' LINES TERMINATED BY '\n' NULL DEFINED AS '' "
                + "STORED AS TEXTFILE LOCATION 'x'"));
    }

    [Theory]
    [InlineData("int", "int")]
    [InlineData("INTEGER", "integer")]
    [InlineData("smallint", "smallint")]
    [InlineData("bigint", "bigint")]
    [InlineData("real", "real")]
    [InlineData("float", "float")]
    [InlineData("float4", "float4")]
    [InlineData("double", "double")]
    [InlineData("double precision", "double precision")]
    [InlineData("varchar(256)", "varchar(256)")]
    [InlineData("character varying(10)", "character varying(10)")]
    [InlineData("char(2)", "char(2)")]
    [InlineData("character(2)", "character(2)")]
    [InlineData("decimal(38,10)", "decimal(38,10)")]
    [InlineData("numeric(5)", "numeric(5)")]
    [InlineData("date", "date")]
    [InlineData("timestamp", "timestamp")]
    [InlineData("timestamp with time zone", "timestamp with time zone")]
    [InlineData("boolean", "boolean")]
    [InlineData("bool", "bool")]
    [InlineData("string", "string")]
    [InlineData("text", "text")]
    public void Create_external_table_column_types(string type, string expected)
    {
        var create = Statement<CreateExternalTableStatement>($"CREATE EXTERNAL TABLE s.t (c {type}) PARTITIONED BY (p {type}) STORED AS PARQUET LOCATION 'x'");
        Assert.Equal(expected, create.Columns[0].Type.ToString());
        Assert.Equal(expected, create.PartitionColumns[0].Type.ToString());
    }

    [Fact]
    public void Create_external_table_accepts_the_new_keywords_as_names()
    {
        Assert.Equal(
            "(create-external-table location.format [(location varchar) (format int) (partition int) (properties int) (region int) "
            + "(data int) (schema int) (stored int) (json int) (parquet int) (external int) (add int) (alter int)] "
            + ":partitioned [(partitioned int)] :stored-as parquet :location 'x')",
            Format(
                "CREATE EXTERNAL TABLE location.format (location varchar, format int, partition int, properties int, region int, "
                + "data int, schema int, stored int, json int, parquet int, external int, add int, alter int) "
                + "PARTITIONED BY (partitioned int) STORED AS parquet LOCATION 'x'"));
    }

    [Theory]
    [InlineData(
        "CREATE EXTERNAL TABLE sales (a int) STORED AS PARQUET LOCATION 's3://b/'",
        "syntax error at or near \"sales\" (line 1, column 23): external tables are always named with their schema, as schema.table")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t STORED AS PARQUET LOCATION 's3://b/' AS SELECT 1",
        "syntax error at or near \"AS\" (line 1, column 64): CREATE EXTERNAL TABLE ... AS SELECT is not supported yet")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t PARTITIONED BY (p) STORED AS PARQUET LOCATION 's3://b/' AS (SELECT 1 AS p)",
        "syntax error at or near \"AS\" (line 1, column 83): CREATE EXTERNAL TABLE ... AS SELECT is not supported yet")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int) STORED AS PARQUET LOCATION 'x' AS WITH q AS (SELECT 1) SELECT * FROM q",
        "syntax error at or near \"AS\" (line 1, column 66): CREATE EXTERNAL TABLE ... AS SELECT is not supported yet")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int NOT NULL) STORED AS PARQUET LOCATION 'x'",
        "syntax error at or near \"NOT\" (line 1, column 34): expected \",\" or \")\"")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t () STORED AS PARQUET LOCATION 'x'",
        "syntax error at or near \")\" (line 1, column 28): expected a column name")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int)",
        "syntax error at end of input (line 1, column 34): expected PARTITIONED BY, ROW FORMAT or STORED AS")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int) PARTITIONED BY (b int) LOCATION 'x'",
        "syntax error at or near \"LOCATION\" (line 1, column 58): expected ROW FORMAT or STORED AS")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int) ROW FORMAT DELIMITED LOCATION 'x' STORED AS PARQUET",
        "syntax error at or near \"LOCATION\" (line 1, column 56): expected STORED AS")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int) STORED AS PARQUET",
        "syntax error at end of input (line 1, column 52): expected LOCATION")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int) STORED AS PARQUET LOCATION s3",
        "syntax error at or near \"s3\" (line 1, column 62): expected the table's location as a string literal")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int) STORED AS CSV LOCATION 'x'",
        "syntax error at or near \"CSV\" (line 1, column 45): expected PARQUET, ORC, TEXTFILE, AVRO, JSON, SEQUENCEFILE, RCFILE or INPUTFORMAT")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int) STORED AS INPUTFORMAT 'i' LOCATION 'x'",
        "syntax error at or near \"LOCATION\" (line 1, column 61): expected OUTPUTFORMAT")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int) ROW FORMAT DELIMITED LINES TERMINATED BY '|' ESCAPED BY '/' STORED AS TEXTFILE LOCATION 'x'",
        "syntax error at or near \"ESCAPED\" (line 1, column 80): expected STORED AS")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int) ROW FORMAT DELIMITED NULL DEFINED 'x' STORED AS TEXTFILE LOCATION 'x'",
        "syntax error at or near \"'x'\" (line 1, column 69): expected AS")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int) ROW FORMAT DELIMITED COLLECTION TERMINATED BY ',' STORED AS TEXTFILE LOCATION 'x'",
        "syntax error at or near \"TERMINATED\" (line 1, column 67): expected ITEMS")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int) ROW FORMAT JSON STORED AS PARQUET LOCATION 'x'",
        "syntax error at or near \"JSON\" (line 1, column 46): expected DELIMITED or SERDE")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int) ROW FORMAT SERDE 'c' WITH SERDEPROPERTIES () STORED AS PARQUET LOCATION 'x'",
        "syntax error at or near \")\" (line 1, column 78): expected a property name as a string literal")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int) STORED AS PARQUET LOCATION 'x' TABLE PROPERTIES ('k' 'v')",
        "syntax error at or near \"'v'\" (line 1, column 88): expected \"=\"")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int) STORED AS PARQUET LOCATION 'x' TABLE PROPERTIES ('k' = 1)",
        "syntax error at or near \"1\" (line 1, column 90): expected the property's value as a string literal")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int) STORED AS PARQUET LOCATION 'x' PROPERTIES ('k' = 'v')",
        "syntax error at or near \"PROPERTIES\" (line 1, column 66)")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a array<int>) STORED AS PARQUET LOCATION 'x'",
        "syntax error at or near \"array\" (line 1, column 30): nested types (array, struct, map) are not supported yet")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a struct<b:int>) STORED AS PARQUET LOCATION 'x'",
        "syntax error at or near \"struct\" (line 1, column 30): nested types (array, struct, map) are not supported yet")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a varchar(n)) STORED AS PARQUET LOCATION 'x'",
        "syntax error at or near \"n\" (line 1, column 38): expected an integer type modifier")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a) STORED AS PARQUET LOCATION 'x'",
        "syntax error at or near \")\" (line 1, column 29): expected a type name")]
    public void Create_external_table_errors(string sql, string message)
    {
        Assert.Equal(message, Error(sql));
    }

    // ---------------------------------------------------------------------------------------------
    // ALTER TABLE and MSCK REPAIR TABLE

    [Theory]
    [InlineData(
        "ALTER TABLE spectrum.sales ADD PARTITION (saledate='2008-01-01') LOCATION 's3://b/sales/saledate=2008-01/'",
        "(alter-table-add-partition spectrum.sales [((partition saledate='2008-01-01') :location 's3://b/sales/saledate=2008-01/')])")]
    [InlineData(
        "ALTER TABLE s.t ADD IF NOT EXISTS PARTITION (year = '2024', month = '01') LOCATION 's3://b/2024/01/' "
        + "PARTITION (year='2024', month='02') LOCATION 's3://b/2024/02/'",
        "(alter-table-add-partition if-not-exists s.t [((partition year='2024' month='01') :location 's3://b/2024/01/') "
        + "((partition year='2024' month='02') :location 's3://b/2024/02/')])")]
    [InlineData(
        "ALTER TABLE s.t DROP PARTITION (saledate='2008-01-01')",
        "(alter-table-drop-partition s.t [(partition saledate='2008-01-01')])")]
    [InlineData(
        "ALTER TABLE s.t DROP IF EXISTS PARTITION (y='1', m='2'), PARTITION (y='1', m='3')",
        "(alter-table-drop-partition if-exists s.t [(partition y='1' m='2') (partition y='1' m='3')])")]
    [InlineData(
        "ALTER TABLE s.t PARTITION (saledate='2008-01-01') SET LOCATION 's3://b/new/'",
        "(alter-table-set-location s.t (partition saledate='2008-01-01') 's3://b/new/')")]
    [InlineData(
        "ALTER TABLE s.t SET LOCATION 's3://b/moved/'",
        "(alter-table-set-location s.t 's3://b/moved/')")]
    [InlineData(
        "ALTER TABLE s.t SET TABLE PROPERTIES ('numRows'='170000', 'classification'='parquet')",
        "(alter-table-set-properties s.t [('numRows' '170000') ('classification' 'parquet')])")]
    [InlineData("ALTER TABLE s.t RECOVER PARTITIONS", "(recover-partitions s.t)")]
    [InlineData("MSCK REPAIR TABLE s.t", "(recover-partitions s.t)")]
    [InlineData("REFRESH EXTERNAL SCHEMA hive", "(refresh-external-schema hive)")]
    [InlineData("refresh external schema \"Lake\"", "(refresh-external-schema \"Lake\")")]
    [InlineData("REFRESH TABLE hive.events", "(refresh-table hive.events)")]
    [InlineData("msck repair table t", "(recover-partitions t)")]
    [InlineData("ALTER TABLE \"S\".location PARTITION (\"Key\"='v') SET LOCATION 'x'", "(alter-table-set-location \"S\".location (partition \"Key\"='v') 'x')")]
    public void Alter_table(string sql, string expected)
    {
        Assert.Equal(expected, Format(sql));
    }

    [Fact]
    public void Alter_table_positions()
    {
        var add = Statement<AlterTableAddPartitionStatement>(
            "ALTER TABLE s.t ADD\n  PARTITION (k='a') LOCATION 'x'\n  PARTITION (k='b', j='c') LOCATION 'y'");
        Assert.Equal(new SourcePosition(1, 1), add.Position);
        Assert.Equal(new SourcePosition(1, 13), add.Table.Position);
        Assert.Equal(new SourcePosition(3, 3), add.Partitions[1].Position);
        Assert.Equal(new SourcePosition(3, 3), add.Partitions[1].Partition.Position);
        Assert.Equal(new SourcePosition(3, 21), add.Partitions[1].Partition.Values[1].Position);
        Assert.Equal(new SourcePosition(3, 23), add.Partitions[1].Partition.Values[1].Value.Position);
        Assert.Equal(new SourcePosition(3, 37), add.Partitions[1].Location.Position);
        Assert.Equal("c", add.Partitions[1].Partition.Values[1].Value.Value);
    }

    [Fact]
    public void Msck_repair_and_recover_partitions_are_the_same_statement()
    {
        var msck = Statement<RecoverPartitionsStatement>("MSCK REPAIR TABLE s.t");
        var recover = Statement<RecoverPartitionsStatement>("ALTER TABLE s.t RECOVER PARTITIONS");
        Assert.Equal(msck.Table.ToString(), recover.Table.ToString());
        Assert.Equal(new SourcePosition(1, 19), msck.Table.Position);
        Assert.Equal(new SourcePosition(1, 13), recover.Table.Position);
    }

    [Fact]
    public void Alter_table_takes_up_to_100_partitions()
    {
        static string Partitions(int count) =>
            string.Concat(Enumerable.Range(0, count).Select(i => $" PARTITION (n='{i}') LOCATION 's3://b/n={i}/'"));

        var hundred = Statement<AlterTableAddPartitionStatement>("ALTER TABLE s.t ADD" + Partitions(100));
        Assert.Equal(100, hundred.Partitions.Count);
        Assert.Equal("99", hundred.Partitions[^1].Partition.Values[0].Value.Value);

        string sql = "ALTER TABLE s.t ADD" + Partitions(101);
        int column = sql.LastIndexOf("PARTITION", StringComparison.Ordinal) + 1;
        Assert.Equal(
            $"syntax error at or near \"PARTITION\" (line 1, column {column}): one ALTER TABLE statement can name at most 100 partitions",
            Error(sql));

        string drop = "ALTER TABLE s.t DROP " + string.Join(", ", Enumerable.Range(0, 101).Select(i => $"PARTITION (n='{i}')"));
        Assert.EndsWith("one ALTER TABLE statement can name at most 100 partitions", Error(drop), StringComparison.Ordinal);
        Assert.Equal(SqlParser.MaxPartitionsPerStatement, 100);
    }

    [Theory]
    [InlineData(
        "ALTER TABLE s.t ADD PARTITION (year=2024) LOCATION 'x'",
        "syntax error at or near \"2024\" (line 1, column 37): partition values are string literals: quote the value, even for integer and date partition columns")]
    [InlineData(
        "ALTER TABLE s.t ADD PARTITION (d=DATE '2024-01-31') LOCATION 'x'",
        "syntax error at or near \"DATE\" (line 1, column 34): partition values are string literals: quote the value, even for integer and date partition columns")]
    [InlineData(
        "ALTER TABLE s.t DROP PARTITION (k=v)",
        "syntax error at or near \"v\" (line 1, column 35): partition values are string literals: quote the value, even for integer and date partition columns")]
    [InlineData(
        "ALTER TABLE s.t PARTITION (k=-1) SET LOCATION 'x'",
        "syntax error at or near \"-\" (line 1, column 30): partition values are string literals: quote the value, even for integer and date partition columns")]
    [InlineData(
        "ALTER TABLE s.t ADD PARTITION (k='1', K='2') LOCATION 'x'",
        "syntax error at or near \"K\" (line 1, column 39): partition column \"k\" is given more than once")]
    [InlineData(
        "ALTER TABLE s.t ADD PARTITION (k='1' j='2') LOCATION 'x'",
        "syntax error at or near \"j\" (line 1, column 38): expected \",\" or \")\"")]
    [InlineData(
        "ALTER TABLE s.t ADD PARTITION () LOCATION 'x'",
        "syntax error at or near \")\" (line 1, column 32): expected a partition column name")]
    [InlineData(
        "ALTER TABLE s.t ADD PARTITION (k='1')",
        "syntax error at end of input (line 1, column 38): expected LOCATION")]
    [InlineData(
        "ALTER TABLE s.t ADD PARTITION (k='1') LOCATION 'x', PARTITION (k='2') LOCATION 'y'",
        "syntax error at or near \",\" (line 1, column 51)")]
    [InlineData(
        "ALTER TABLE s.t ADD COLUMN c int",
        "syntax error at or near \"COLUMN\" (line 1, column 21): expected PARTITION")]
    [InlineData(
        "ALTER TABLE s.t RENAME TO u",
        "syntax error at or near \"RENAME\" (line 1, column 17): expected ADD PARTITION, DROP PARTITION, PARTITION, SET LOCATION, SET TABLE PROPERTIES or RECOVER PARTITIONS")]
    [InlineData(
        "ALTER TABLE s.t SET SCHEMA u",
        "syntax error at or near \"SCHEMA\" (line 1, column 21): expected LOCATION or TABLE PROPERTIES")]
    [InlineData(
        "ALTER TABLE s.t PARTITION (k='1') LOCATION 'x'",
        "syntax error at or near \"LOCATION\" (line 1, column 35): expected SET")]
    [InlineData(
        "ALTER TABLE s.t RECOVER",
        "syntax error at end of input (line 1, column 24): expected PARTITIONS")]
    [InlineData(
        "ALTER VIEW v AS SELECT 1",
        "syntax error at or near \"VIEW\" (line 1, column 7): expected TABLE")]
    [InlineData(
        "MSCK TABLE s.t",
        "syntax error at or near \"TABLE\" (line 1, column 6): expected REPAIR")]
    [InlineData(
        "REFRESH SCHEMA s",
        "syntax error at or near \"SCHEMA\" (line 1, column 9): expected EXTERNAL SCHEMA or TABLE")]
    [InlineData(
        "REFRESH EXTERNAL\n  TABLE t",
        "syntax error at or near \"TABLE\" (line 2, column 3): expected SCHEMA")]
    [InlineData(
        "REFRESH EXTERNAL SCHEMA",
        "syntax error at end of input (line 1, column 24): expected a schema name")]
    [InlineData(
        "REFRESH TABLE s.t extra",
        "syntax error at or near \"extra\" (line 1, column 19)")]
    public void Alter_table_errors(string sql, string message)
    {
        Assert.Equal(message, Error(sql));
    }

    // ---------------------------------------------------------------------------------------------
    // Around the new statements

    [Fact]
    public void Drop_table_takes_schema_qualified_names()
    {
        Assert.Equal(
            ["spectrum.sales", "c.s.t"],
            Statement<DropTableStatement>("DROP TABLE IF EXISTS spectrum.sales, c.s.t").Names.Select(n => n.ToString()));
        var drop = Statement<DropTableStatement>("DROP TABLE spectrum.sales");
        Assert.Equal(["spectrum", "sales"], drop.Names[0].Parts.Select(p => p.Value));
        Assert.False(drop.IfExists);
    }

    [Theory]
    [InlineData(
        "SELECT location, format, properties, region, data, schema, database, catalog, external, stored, json, parquet FROM s.location",
        "(query (select [location format properties region data schema database catalog external stored json parquet] :from [s.location]))")]
    [InlineData("SELECT a location, b format FROM add alter", "(query (select [(as a location) (as b format)] :from [add :as alter]))")]
    [InlineData("SELECT format('%s', uri) FROM msck.repair", "(query (select [(format '%s' uri)] :from [msck.repair]))")]
    [InlineData("SELECT recover FROM partitions WHERE lines = fields", "(query (select [recover] :from [partitions] :where (= lines fields)))")]
    public void The_new_keywords_are_still_names_in_queries(string sql, string expected)
    {
        Assert.Equal(expected, Query(sql));
    }

    [Fact]
    public void A_script_mixes_the_new_statements_with_the_old()
    {
        IReadOnlyList<Statement> statements = SqlParser.Parse("""
            CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'db' IAM_ROLE default;
            CREATE EXTERNAL TABLE s.t (a int) PARTITIONED BY (p varchar(8)) STORED AS PARQUET LOCATION 's3://b/t/';
            ALTER TABLE s.t ADD PARTITION (p='x') LOCATION 's3://b/t/p=x/';
            MSCK REPAIR TABLE s.t;
            SELECT * FROM s.t;
            DROP TABLE s.t;
            DROP SCHEMA s DROP EXTERNAL DATABASE;
            """);
        Assert.Collection(
            statements,
            s => Assert.IsType<CreateExternalSchemaStatement>(s),
            s => Assert.IsType<CreateExternalTableStatement>(s),
            s => Assert.IsType<AlterTableAddPartitionStatement>(s),
            s => Assert.IsType<RecoverPartitionsStatement>(s),
            s => Assert.IsType<QueryStatement>(s),
            s => Assert.IsType<DropTableStatement>(s),
            s => Assert.IsType<DropSchemaStatement>(s));
        Assert.Equal(new SourcePosition(4, 1), statements[3].Position);
    }

    [Theory]
    [InlineData("CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'db' REGION 'r' IAM_ROLE 'a' CATALOG_ROLE default CREATE EXTERNAL DATABASE IF NOT EXISTS")]
    [InlineData("CREATE EXTERNAL SCHEMA s FROM HIVE METASTORE DATABASE 'db' URI 'h' PORT 9083 IAM_ROLE default")]
    [InlineData("DROP SCHEMA IF EXISTS a, b DROP EXTERNAL DATABASE CASCADE")]
    [InlineData(
        "CREATE EXTERNAL TABLE s.t (a int, b varchar(3)) PARTITIONED BY (p date) ROW FORMAT SERDE 'c' WITH SERDEPROPERTIES ('k'='v') "
        + "STORED AS INPUTFORMAT 'i' OUTPUTFORMAT 'o' LOCATION 's3://b/' TABLE PROPERTIES ('n'='1')")]
    [InlineData("CREATE EXTERNAL TABLE s.t (a int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LINES TERMINATED BY 'x' STORED AS TEXTFILE LOCATION 'l'")]
    [InlineData("ALTER TABLE s.t ADD IF NOT EXISTS PARTITION (a='1', b='2') LOCATION 'x' PARTITION (a='3', b='4') LOCATION 'y'")]
    [InlineData("ALTER TABLE s.t DROP PARTITION (a='1'), PARTITION (a='2')")]
    [InlineData("ALTER TABLE s.t PARTITION (a='1') SET LOCATION 'x'")]
    [InlineData("ALTER TABLE s.t SET LOCATION 'x'")]
    [InlineData("ALTER TABLE s.t SET TABLE PROPERTIES ('a'='b')")]
    [InlineData("ALTER TABLE s.t RECOVER PARTITIONS")]
    [InlineData("MSCK REPAIR TABLE s.t")]
    public void Every_external_statement_node_has_a_position(string sql)
    {
        foreach (SqlNode node in AstNodes.DescendantsAndSelf(SqlParser.ParseStatement(sql)))
        {
            Assert.True(node.Position.Line > 0, $"{node.GetType().Name} has no position in {sql}");
        }
    }
}
