namespace Federation.Common;

/// <summary>Every error Federation reports has one of these codes.</summary>
public enum ErrorCode
{
    SyntaxError,
    ColumnNotFound,
    TableNotFound,
    SchemaNotFound,
    FunctionNotFound,
    AmbiguousColumn,
    DuplicateObject,
    TypeMismatch,
    InvalidArgument,
    GroupingError,
    CardinalityViolation,
    DivisionByZero,
    NumericOverflow,
    InvalidCast,
    InvalidDatetime,
    InvalidRegularExpression,
    /// <summary>An object, a bucket or a location with no files: NotFound.</summary>
    ObjectNotFound,
    /// <summary>Reading an object failed for a reason none of the codes below names; retrying the same way will not help.</summary>
    ObjectReadError,
    /// <summary>The object store could not be reached or kept failing (throttling, 5xx, dropped connections) after its retries: a later try can succeed.</summary>
    ObjectStoreUnavailable,
    /// <summary>An external catalog (a Hive metastore) could not be reached or broke the connection: a later try can succeed.</summary>
    CatalogUnavailable,
    /// <summary>The object store refused the credentials or the request (403): fix the keys, the role or the bucket policy.</summary>
    ObjectAccessDenied,
    /// <summary>No credentials for the object store resolved (environment, profile, container or instance role): configure them.</summary>
    StorageCredentialsMissing,
    /// <summary>An object is not a valid file of its format (bad magic, a footer or page that does not decode, a checksum that fails).</summary>
    CorruptObject,
    /// <summary>A file's column does not have the type its table declares: fix the table or the file.</summary>
    SchemaMismatch,
    /// <summary>An object was replaced while a statement read it: running the statement again reads the new version.</summary>
    ObjectChanged,
    MemoryLimitExceeded,
    /// <summary>A query would write more to the spill folder than its cap (Spill:MaxBytes) allows.</summary>
    SpillLimitExceeded,
    QueryCancelled,
    /// <summary>The statement ran longer than its statement_timeout.</summary>
    StatementTimeout,
    PermissionDenied,
    NotSupported,
    /// <summary>A fragment failed on every worker it was sent to, for reasons of the workers (each died, timed out or was unreachable).</summary>
    WorkersUnavailable,
    Internal,
}
