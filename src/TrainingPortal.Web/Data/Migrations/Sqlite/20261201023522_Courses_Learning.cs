using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Courses_Learning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Details",
                table: "LearningItems",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DueOn",
                table: "LearningItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmedById",
                table: "LearningCompletions",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ConfirmedOn",
                table: "LearningCompletions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EnrollmentFees",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnrollmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnrollmentFees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EnrollmentFees_Enrollments_EnrollmentId",
                        column: x => x.EnrollmentId,
                        principalTable: "Enrollments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EnrollmentFees_EnrollmentId",
                table: "EnrollmentFees",
                column: "EnrollmentId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EnrollmentFees");

            migrationBuilder.DropColumn(
                name: "Details",
                table: "LearningItems");

            migrationBuilder.DropColumn(
                name: "DueOn",
                table: "LearningItems");

            migrationBuilder.DropColumn(
                name: "ConfirmedById",
                table: "LearningCompletions");

            migrationBuilder.DropColumn(
                name: "ConfirmedOn",
                table: "LearningCompletions");
        }
    }
}
