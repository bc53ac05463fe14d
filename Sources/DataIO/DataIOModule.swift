/// Placeholder until the module lands.
enum DataIOModule {}
