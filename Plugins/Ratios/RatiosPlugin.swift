import TolokCore
