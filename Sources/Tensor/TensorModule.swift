/// Placeholder until the module lands.
enum TensorModule {}
