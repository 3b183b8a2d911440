namespace ExecutionPlans.ModelClients;

/// <summary>The model settings are incomplete or invalid; the message names the setting to fix.</summary>
public sealed class ModelConfigurationException : ExecutionPlanException
{
    /// <summary>Creates the exception.</summary>
    public ModelConfigurationException()
        : base(ChatClientFactory.NotConfiguredMessage)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the setting.</param>
    public ModelConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong, naming the setting.</param>
    /// <param name="innerException">The cause.</param>
    public ModelConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
