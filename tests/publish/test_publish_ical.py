

def test_build_time_in_a_site_time_zone_gives_a_utc_stamp() -> None:
    from dateline.output.exports.ical import stamp

    assert stamp("2019-01-01T09:00:00+09:00") == "20190101T000000Z"
    assert stamp("2019-01-01T00:00:00Z") == "20190101T000000Z"
