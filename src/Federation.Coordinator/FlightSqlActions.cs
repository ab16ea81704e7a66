using Apache.Arrow.Flight;

namespace Federation.Coordinator;

/// <summary>The DoAction types the coordinator serves, as ListActions announces them.</summary>
public static class FlightSqlActions
{
    public const string CreatePreparedStatement = "CreatePreparedStatement";
    public const string ClosePreparedStatement = "ClosePreparedStatement";
    public const string CancelFlightInfo = "CancelFlightInfo";
    public const string CancelQuery = "CancelQuery";

    public static readonly IReadOnlyList<FlightActionType> All =
    [
        new(CreatePreparedStatement,
            "Prepare a SQL statement. Body: Any-packed ActionCreatePreparedStatementRequest; result: Any-packed ActionCreatePreparedStatementResult "
            + "(handle, IPC dataset_schema, IPC parameter_schema with one field per $n)."),
        new(ClosePreparedStatement, "Close a prepared statement. Body: Any-packed ActionClosePreparedStatementRequest; no result."),
        new(CancelFlightInfo,
            "Cancel the query behind a FlightInfo, waiting for DoGet or streaming. Body: CancelFlightInfoRequest; result: CancelFlightInfoResult."),
        new(CancelQuery,
            "Cancel the query behind a FlightInfo (deprecated form of CancelFlightInfo). Body: Any-packed ActionCancelQueryRequest; "
            + "result: Any-packed ActionCancelQueryResult."),
    ];

    /// <summary>For the error an unknown action gets.</summary>
    public static string Names => string.Join(", ", All.Select(a => a.Type));
}
