using System.CommandLine;
using Cantus.Cli.Commands;

namespace Cantus.Cli;

/// <summary>The root <c>cantus</c> command and its sub-commands.</summary>
internal static class CantusCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Cantus: give it a melody, a GAN writes the other voices.")
        {
            MidiCommand.Create(),
            MetricsCommand.Create(),
            RollCommand.Create(),
            RenderCommand.Create(),
            DatasetCommand.Create(),
            TrainCommand.Create(),
            GenerateCommand.Create(),
            EvaluateCommand.Create(),
            ServeCommand.Create(),
            WorkerCommand.Create(),
            AdminCommand.Create(),
        };
        return root;
    }
}
