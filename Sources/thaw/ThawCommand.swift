import ArgumentParser

struct ThawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thaw",
        abstract: "A terminal workbench for transfer learning.",
        subcommands: [WorkbenchCommand.self, TrainCommand.self, PretrainCommand.self, LRFindCommand.self, RankCommand.self, InspectCommand.self, FeaturesCommand.self,
                      BenchCommand.self, MonitorCommand.self],
        defaultSubcommand: WorkbenchCommand.self
    )
}
