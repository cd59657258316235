namespace Warehouse.Database.Engines;

/// <summary>Drivers and bulk-copy classes wrap the exception that matters; look through the whole chain.</summary>
public static class ExceptionChain
{
    public static T? Find<T>(Exception? failure, Func<T, bool>? matches = null) where T : Exception
    {
        for (; failure is not null; failure = failure.InnerException)
            if (failure is T found && (matches is null || matches(found)))
                return found;
        return null;
    }
}
