using Apache.Arrow;
using Federation.Engine;

namespace Federation.Coordinator.MetadataResults;

/// <summary>
/// One Flight SQL metadata command (GetTables, GetSqlInfo, ...): the fixed result schema the specification gives
/// it, which GetFlightInfo and GetSchema answer without looking at the catalog, and its rows, which DoGet
/// computes when the client reads them.
/// </summary>
internal interface IMetadataResult
{
    Schema Schema { get; }

    /// <summary>The rows as the session sees the catalog now; a result without rows has length 0.</summary>
    RecordBatch Compute(Session session);
}
