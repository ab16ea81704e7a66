using System.Reflection;
using Federation.Common.Types;
using Federation.Coordinator.Protocol;
using Federation.Functions;
using Federation.Sql.Lexing;

namespace Federation.Coordinator.MetadataResults;

/// <summary>
/// The facts GetSqlInfo reports about the server and its SQL dialect, which JDBC and ODBC drivers turn into their
/// DatabaseMetaData and SQLGetInfo answers. Each claims only what works today: where the engine has no such
/// feature (transactions, key constraints, procedures, updatable cursors) the answer is false, 0 or an empty mask;
/// a length of 0 means no limit, as JDBC has it.
/// </summary>
internal static class ServerSqlInfo
{
    public static SortedDictionary<uint, SqlInfoValue> For(FunctionRegistry functions)
    {
        var facts = new SortedDictionary<uint, SqlInfoValue>();
        void Add(SqlInfo id, SqlInfoValue value) => facts.Add((uint)id, value);
        void Text(SqlInfo id, string value) => Add(id, new SqlInfoValue.Text(value));
        void Flag(SqlInfo id, bool value) => Add(id, new SqlInfoValue.Flag(value));
        void BigInt(SqlInfo id, long value) => Add(id, new SqlInfoValue.BigInt(value));
        void Int32(SqlInfo id, int value) => Add(id, new SqlInfoValue.Int32(value));
        void Texts(SqlInfo id, IReadOnlyList<string> values) => Add(id, new SqlInfoValue.TextList(values));

        // The server.
        Text(SqlInfo.FlightSqlServerName, "Federation");
        Text(SqlInfo.FlightSqlServerVersion, VersionOf(typeof(ServerSqlInfo).Assembly));
        Text(SqlInfo.FlightSqlServerArrowVersion, VersionOf(typeof(Apache.Arrow.Schema).Assembly));
        Flag(SqlInfo.FlightSqlServerReadOnly, false);
        Flag(SqlInfo.FlightSqlServerSql, true);
        Flag(SqlInfo.FlightSqlServerSubstrait, false);
        Int32(SqlInfo.FlightSqlServerTransaction, (int)SqlSupportedTransaction.None);
        Flag(SqlInfo.FlightSqlServerCancel, true);
        Int32(SqlInfo.FlightSqlServerStatementTimeout, 0); // no statement timeout
        Flag(SqlInfo.FlightSqlServerBulkIngestion, false);
        Flag(SqlInfo.FlightSqlServerIngestTransactionsSupported, false);

        // Statements: CREATE TABLE and DROP TABLE, but no CREATE SCHEMA or CREATE DATABASE.
        Flag(SqlInfo.SqlDdlCatalog, false);
        Flag(SqlInfo.SqlDdlSchema, false);
        Flag(SqlInfo.SqlDdlTable, true);

        // Names: unquoted ones fold to lower case as in PostgreSQL; quoted ones keep their case for display but
        // still match case-insensitively, as Redshift matches them.
        Int32(SqlInfo.SqlIdentifierCase, (int)SqlSupportedCaseSensitivity.SqlCaseSensitivityLowercase);
        Text(SqlInfo.SqlIdentifierQuoteChar, "\"");
        Int32(SqlInfo.SqlQuotedIdentifierCase, (int)SqlSupportedCaseSensitivity.SqlCaseSensitivityCaseInsensitive);
        Text(SqlInfo.SqlSearchStringEscape, NamePattern.Escape);
        Text(SqlInfo.SqlExtraNameCharacters, "$");
        Texts(SqlInfo.SqlKeywords, SqlKeywords.Reserved);
        Text(SqlInfo.SqlSchemaTerm, "schema");
        Text(SqlInfo.SqlCatalogTerm, "catalog");
        Flag(SqlInfo.SqlCatalogAtStart, true);
        BigInt(SqlInfo.SqlMaxColumnNameLength, 0);
        BigInt(SqlInfo.SqlDbSchemaNameLength, 0);
        BigInt(SqlInfo.SqlMaxCatalogNameLength, 0);
        BigInt(SqlInfo.SqlMaxTableNameLength, 0);

        // Functions, by the family each built-in belongs to.
        Texts(SqlInfo.SqlNumericFunctions, ScalarFunctions(functions, "Math"));
        Texts(SqlInfo.SqlStringFunctions, ScalarFunctions(functions, "String"));
        Texts(SqlInfo.SqlSystemFunctions, ScalarFunctions(functions, "Conditional"));
        Texts(SqlInfo.SqlDatetimeFunctions, ScalarFunctions(functions, "DateTime"));

        // Queries.
        Flag(SqlInfo.SqlAllTablesAreSelectable, true);
        Int32(SqlInfo.SqlNullOrdering, (int)SqlNullOrdering.SqlNullsSortedHigh);
        Flag(SqlInfo.SqlSupportsColumnAliasing, true);
        Flag(SqlInfo.SqlNullPlusNullIsNull, true);
        Add(SqlInfo.SqlSupportsConvert, new SqlInfoValue.Int32ListMap(Conversions()));
        Flag(SqlInfo.SqlSupportsTableCorrelationNames, true);
        Flag(SqlInfo.SqlSupportsDifferentTableCorrelationNames, false);
        Flag(SqlInfo.SqlSupportsExpressionsInOrderBy, true);
        Flag(SqlInfo.SqlSupportsOrderByUnrelated, true);
        Int32(SqlInfo.SqlSupportedGroupBy, Mask((int)SqlSupportedGroupBy.SqlGroupByUnrelated, (int)SqlSupportedGroupBy.SqlGroupByBeyondSelect));
        Flag(SqlInfo.SqlSupportsLikeEscapeClause, true);
        Flag(SqlInfo.SqlSupportsNonNullableColumns, true);
        Int32(SqlInfo.SqlSupportedGrammar, Mask((int)SupportedSqlGrammar.SqlMinimumGrammar, (int)SupportedSqlGrammar.SqlCoreGrammar));
        Int32(SqlInfo.SqlAnsi92SupportedLevel, Mask((int)SupportedAnsi92SqlGrammarLevel.Ansi92EntrySql));
        Flag(SqlInfo.SqlSupportsIntegrityEnhancementFacility, false);
        Int32(SqlInfo.SqlOuterJoinsSupportLevel, (int)SqlOuterJoinsSupportLevel.SqlFullOuterJoins);
        Int32(SqlInfo.SqlSupportedSubqueries, Mask(
            (int)SqlSupportedSubqueries.SqlSubqueriesInComparisons,
            (int)SqlSupportedSubqueries.SqlSubqueriesInExists,
            (int)SqlSupportedSubqueries.SqlSubqueriesInIns,
            (int)SqlSupportedSubqueries.SqlSubqueriesInQuantifieds));
        Flag(SqlInfo.SqlCorrelatedSubqueriesSupported, true);
        Int32(SqlInfo.SqlSupportedUnions, Mask((int)SqlSupportedUnions.SqlUnion, (int)SqlSupportedUnions.SqlUnionAll));
        BigInt(SqlInfo.SqlMaxBinaryLiteralLength, 0);
        BigInt(SqlInfo.SqlMaxCharLiteralLength, 0);
        BigInt(SqlInfo.SqlMaxColumnsInGroupBy, 0);
        BigInt(SqlInfo.SqlMaxColumnsInOrderBy, 0);
        BigInt(SqlInfo.SqlMaxColumnsInSelect, 0);
        BigInt(SqlInfo.SqlMaxColumnsInTable, 0);
        BigInt(SqlInfo.SqlMaxRowSize, 0);
        Flag(SqlInfo.SqlMaxRowSizeIncludesBlobs, false);
        BigInt(SqlInfo.SqlMaxStatementLength, 0);
        BigInt(SqlInfo.SqlMaxTablesInSelect, 0);

        // What the engine has none of: procedures, indexes, privileges, cursors, transactions.
        Text(SqlInfo.SqlProcedureTerm, "procedure");
        Int32(SqlInfo.SqlSchemasSupportedActions, 0);
        Int32(SqlInfo.SqlCatalogsSupportedActions, 0);
        Int32(SqlInfo.SqlSupportedPositionedCommands, 0);
        Flag(SqlInfo.SqlSelectForUpdateSupported, false);
        Flag(SqlInfo.SqlStoredProceduresSupported, false);
        Flag(SqlInfo.SqlStoredFunctionsUsingCallSyntaxSupported, false);
        BigInt(SqlInfo.SqlMaxColumnsInIndex, 0);
        BigInt(SqlInfo.SqlMaxIndexLength, 0);
        BigInt(SqlInfo.SqlMaxProcedureNameLength, 0);
        BigInt(SqlInfo.SqlMaxCursorNameLength, 0);
        BigInt(SqlInfo.SqlMaxConnections, 0);
        BigInt(SqlInfo.SqlMaxStatements, 0);
        BigInt(SqlInfo.SqlMaxUsernameLength, 0);
        Int32(SqlInfo.SqlDefaultTransactionIsolation, (int)SqlTransactionIsolationLevel.SqlTransactionNone);
        Flag(SqlInfo.SqlTransactionsSupported, false);
        Int32(SqlInfo.SqlSupportedTransactionsIsolationLevels, 0);
        Flag(SqlInfo.SqlDataDefinitionCausesTransactionCommit, false);
        Flag(SqlInfo.SqlDataDefinitionsInTransactionsIgnored, false);
        Flag(SqlInfo.SqlBatchUpdatesSupported, false);
        Flag(SqlInfo.SqlSavepointsSupported, false);
        Flag(SqlInfo.SqlNamedParametersSupported, false);
        Flag(SqlInfo.SqlLocatorsUpdateCopy, false);

        // Results stream forward once and cannot be updated through the cursor.
        Int32(SqlInfo.SqlSupportedResultSetTypes, Mask((int)SqlSupportedResultSetType.SqlResultSetTypeForwardOnly));
        Int32(SqlInfo.SqlSupportedConcurrenciesForResultSetUnspecified, 0);
        Int32(SqlInfo.SqlSupportedConcurrenciesForResultSetForwardOnly, Mask((int)SqlSupportedResultSetConcurrency.SqlResultSetConcurrencyReadOnly));
        Int32(SqlInfo.SqlSupportedConcurrenciesForResultSetScrollSensitive, 0);
        Int32(SqlInfo.SqlSupportedConcurrenciesForResultSetScrollInsensitive, 0);
        return facts;
    }

    /// <summary>A bitmask with the bit of each given enum ordinal set, as the specification encodes sets.</summary>
    private static int Mask(params int[] ordinals) => ordinals.Aggregate(0, (mask, ordinal) => mask | (1 << ordinal));

    /// <summary>The version an assembly was built as, without the source revision the build appends after '+'.</summary>
    private static string VersionOf(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    /// <summary>
    /// The scalar functions of one family, by name and alias, sorted. A built-in's family is the folder (and so
    /// the namespace) it lives in under Federation.Functions.Scalar: Math, String, DateTime, or Conditional,
    /// which holds the NULL-handling functions ODBC calls system functions (COALESCE, NULLIF, NVL2, DECODE).
    /// </summary>
    private static string[] ScalarFunctions(FunctionRegistry functions, string family)
    {
        var ns = "Federation.Functions.Scalar." + family;
        return functions.ScalarNames
            .Where(name => string.Equals(functions.FindScalar(name)?.GetType().Namespace, ns, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// SQL_SUPPORTS_CONVERT: for each ODBC type the engine has, the types CAST takes it to, by the engine's own
    /// cast rules. Types the engine lacks (TINYINT, TIME, BIT as a number) are left out on both sides.
    /// </summary>
    private static Dictionary<int, IReadOnlyList<int>> Conversions()
    {
        (SqlSupportsConvert Code, SqlType Type)[] types =
        [
            (SqlSupportsConvert.SqlConvertBigint, SqlType.Int64),
            (SqlSupportsConvert.SqlConvertBinary, SqlType.Binary),
            (SqlSupportsConvert.SqlConvertBit, SqlType.Boolean),
            (SqlSupportsConvert.SqlConvertChar, SqlType.Char(1)),
            (SqlSupportsConvert.SqlConvertDate, SqlType.Date),
            (SqlSupportsConvert.SqlConvertDecimal, SqlType.Decimal(18, 0)),
            (SqlSupportsConvert.SqlConvertFloat, SqlType.Float64),
            (SqlSupportsConvert.SqlConvertInteger, SqlType.Int32),
            (SqlSupportsConvert.SqlConvertIntervalDayTime, SqlType.Interval),
            (SqlSupportsConvert.SqlConvertIntervalYearMonth, SqlType.Interval),
            (SqlSupportsConvert.SqlConvertLongvarbinary, SqlType.Binary),
            (SqlSupportsConvert.SqlConvertLongvarchar, SqlType.String),
            (SqlSupportsConvert.SqlConvertNumeric, SqlType.Decimal(18, 0)),
            (SqlSupportsConvert.SqlConvertReal, SqlType.Float32),
            (SqlSupportsConvert.SqlConvertSmallint, SqlType.Int16),
            (SqlSupportsConvert.SqlConvertTimestamp, SqlType.Timestamp),
            (SqlSupportsConvert.SqlConvertVarbinary, SqlType.Binary),
            (SqlSupportsConvert.SqlConvertVarchar, SqlType.String),
        ];
        return types.ToDictionary(
            from => (int)from.Code,
            from => (IReadOnlyList<int>)types.Where(to => CastRules.CanCast(from.Type, to.Type)).Select(to => (int)to.Code).Order().ToArray());
    }
}
