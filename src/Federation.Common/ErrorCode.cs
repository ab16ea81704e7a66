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
    ObjectNotFound,
    ObjectReadError,
    MemoryLimitExceeded,
    QueryCancelled,
    PermissionDenied,
    NotSupported,
    /// <summary>A scan needed a worker and none was alive (or every one failed its fragment).</summary>
    WorkersUnavailable,
    Internal,
}
