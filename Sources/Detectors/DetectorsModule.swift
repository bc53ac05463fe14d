/// Placeholder until the module lands.
enum DetectorsModule {}
