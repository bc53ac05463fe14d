enum EvaluationModule {}
