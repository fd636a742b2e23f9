import ArgumentParser
import RL

/// A closed set of named values (`--activation leaky-relu`, `--loss huber`) read from the
/// command line in kebab case, whatever case the library spells the raw values in.
protocol ChoiceArgument: ExpressibleByArgument, CaseIterable, RawRepresentable<String> {}

extension ChoiceArgument {
    public init?(argument: String) {
        let key = argument.lowercased()
        guard let match = Self.allCases.first(where: { $0.argumentName == key || $0.rawValue.lowercased() == key }) else {
            return nil
        }
        self = match
    }

    /// The value as the command line spells it: `leakyRelu` becomes `leaky-relu`.
    public var argumentName: String {
        rawValue.reduce(into: "") { name, character in
            if character.isUppercase { name += "-" + character.lowercased() } else { name.append(character) }
        }
    }

    public var defaultValueDescription: String { argumentName }

    public static var allValueStrings: [String] { allCases.map(\.argumentName) }

    // The values need no descriptions of their own: the option's help says what they mean.
    public static var allValueDescriptions: [String: String] { [:] }
}

extension Activation: ExpressibleByArgument, ChoiceArgument {}
extension Linear.Initialization: ExpressibleByArgument, ChoiceArgument {}
extension DQNAgent.Loss: ExpressibleByArgument, ChoiceArgument {}
