// The ballot's running total (funding/budgeting/ballot.html): what the chosen
// projects cost against the round's money, announced politely as it changes. The
// server checks the same limit, so without this script nothing is lost.
const boxes = document.querySelector("[data-pace-budget]");
const total = document.getElementById("ballot-total");
if (boxes && total) {
  const budget = Number(boxes.dataset.paceBudget);
  const pounds = (value) =>
    "£" + value.toLocaleString("en-GB", { minimumFractionDigits: 0, maximumFractionDigits: 2 });
  const update = () => {
    let chosen = 0;
    for (const box of boxes.querySelectorAll("input[type=checkbox]:checked")) {
      chosen += Number(box.dataset.cost);
    }
    const left = budget - chosen;
    total.textContent =
      left >= 0
        ? `You have chosen ${pounds(chosen)} of ${pounds(budget)}: ${pounds(left)} left.`
        : `You have chosen ${pounds(chosen)}: ${pounds(-left)} more than the ${pounds(budget)} there is. Take a project off.`;
  };
  total.hidden = false;
  boxes.addEventListener("change", update);
  update();
}
