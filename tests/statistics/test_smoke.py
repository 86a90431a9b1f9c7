def test_pipeline_module_imports():
    from zerobay.statistics.importing import pipeline

    assert pipeline.PROGRESS_EVERY > 0
