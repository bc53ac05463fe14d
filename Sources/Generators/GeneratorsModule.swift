enum GeneratorsModule {}
