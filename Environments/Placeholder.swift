import RLCore
