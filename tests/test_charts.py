"""The chart style: axis scales and Russian tick labels."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from salesplan import charts  # noqa: E402

NB = "\xa0"


@pytest.mark.parametrize(
    ("largest", "scale"),
    [(0, (1.0, "")), (999, (1.0, "")), (1000, (1e3, "k")), (999_999, (1e3, "k")),
     (1e6, (1e6, "mn")), (-2.5e6, (1e6, "mn")), (3e9, (1e9, "bn"))],
)
def test_money_scale_by_the_largest_value(largest, scale):
    assert charts.money_scale(largest) == scale


@pytest.mark.parametrize(
    ("value", "digits"), [(2.0, 0), (2.5, 1), (1.25, 2), (0.1 + 0.2, 1), (1 / 3, 2), (-0.5, 1)]
)
def test_decimals_are_the_fewest_that_show_the_value(value, digits):
    assert charts.decimals(value) == digits


def test_money_labels():
    assert charts.money_label(1_500_000, 1e6, "mn") == f"1,5{NB}млн ₽"
    assert charts.money_label(250_000, 1e3, "k") == f"250{NB}тыс. ₽"
    assert charts.money_label(12_345) == f"12{NB}345{NB}₽"
    assert charts.money_label(0, 1e6, "mn") == f"0{NB}млн ₽"


def test_one_scale_for_every_tick_of_a_money_axis():
    charts.apply_style()
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1_250_000, 2_600_000])
    charts.money_axis(ax)
    fig.canvas.draw()
    ticks = ax.get_yticks()
    shown = [t.get_text() for t in ax.get_yticklabels()]
    assert all(s.endswith("млн ₽") for s in shown)
    numbers = [float(s.split(NB)[0].replace(",", ".")) for s in shown]
    assert numbers == pytest.approx([t / 1e6 for t in ticks])
    plt.close(fig)


def test_number_and_percent_axes():
    fig, ax = plt.subplots()
    charts.number_axis(ax)
    charts.percent_axis(ax, "x")
    assert ax.yaxis.get_major_formatter()(12345, 0) == f"12{NB}345"
    assert ax.xaxis.get_major_formatter()(87.5, 0) == f"87,5{NB}%"
    plt.close(fig)


def test_the_style_sets_fonts_colours_and_grid():
    charts.apply_style()
    rc = matplotlib.rcParams
    assert rc["font.family"] == ["DejaVu Sans"]
    assert rc["axes.prop_cycle"].by_key()["color"][:3] == charts.SERIES[:3]
    assert rc["axes.grid"] and not rc["axes.spines.top"]

