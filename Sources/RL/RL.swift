@_exported import FloatingPointMode
@_exported import SeededRandom
@_exported import TensorCore
@_exported import RLCore
@_exported import RLEnvironments
@_exported import RLAgents
